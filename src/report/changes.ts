/**
 * The change blocks of a unified diff: each maximal run of removed/added lines, with the old-side
 * lines it replaces. SARIF fixes, annotations, review suggestions and `--changed-lines-only` all
 * work on these blocks, so they agree on what "one change" is.
 */
import type { Finding } from "../../transforms/lib/context.js";
import type { LineRange } from "./model.js";

/** One line of a diff side; `newline` is false only for a last line without a line break. */
export interface DiffLine {
  text: string;
  newline: boolean;
}

export interface ChangeBlock {
  /** First old line the block replaces; for a pure insertion, the old line the new lines go before. */
  oldStart: number;
  /** First line of the block on the new side. */
  newStart: number;
  removed: DiffLine[];
  added: DiffLine[];
  /** The unchanged old line just before the block (`oldStart - 1`), when the diff shows it. */
  before?: DiffLine;
  /** The unchanged old line just after the block, when the diff shows it. */
  after?: DiffLine;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const NO_NEWLINE = "\\";

/** Parses a unified diff (one file, as `unifiedDiff` writes it) into change blocks, in order. */
export function changeBlocks(diff: string | undefined): ChangeBlock[] {
  if (!diff) return [];
  const blocks: ChangeBlock[] = [];
  let oldLine = 0;
  let newLine = 0;
  let current: ChangeBlock | undefined;
  let previous: DiffLine | undefined;
  let last: DiffLine | undefined;
  let inHunk = false;
  for (const raw of diff.split("\n")) {
    const header = HUNK_HEADER.exec(raw);
    if (header) {
      // An empty side's start names the line *before* it (`@@ -0,0 +1,2 @@`).
      oldLine = Number(header[1]) + (header[2] === "0" ? 1 : 0);
      newLine = Number(header[3]) + (header[4] === "0" ? 1 : 0);
      current = previous = last = undefined;
      inHunk = true;
      continue;
    }
    if (!inHunk || raw === "") continue;
    const kind = raw[0];
    if (kind === NO_NEWLINE) {
      if (last) last.newline = false;
      continue;
    }
    const line: DiffLine = { text: raw.slice(1), newline: true };
    last = line;
    if (kind === " ") {
      if (current) current.after = line;
      current = undefined;
      previous = line;
      oldLine++;
      newLine++;
      continue;
    }
    if (!current) {
      current = { oldStart: oldLine, newStart: newLine, removed: [], added: [], before: previous };
      blocks.push(current);
    }
    if (kind === "-") {
      current.removed.push(line);
      oldLine++;
    } else if (kind === "+") {
      current.added.push(line);
      newLine++;
    }
  }
  return blocks;
}

/** Last old line a block replaces (`oldStart - 1` for a pure insertion). */
export function oldEnd(block: ChangeBlock): number {
  return block.oldStart + block.removed.length - 1;
}

/**
 * The old-side lines a reader should look at for a block: the replaced lines, or for a pure
 * insertion the line before it (the line after when inserting at the top of the file).
 */
export function anchorLines(block: ChangeBlock): LineRange {
  if (block.removed.length) return { start: block.oldStart, end: oldEnd(block) };
  const line = block.oldStart > 1 ? block.oldStart - 1 : 1;
  return { start: line, end: line };
}

/**
 * The old lines a block concerns, for matching it with findings and changed lines: the replaced
 * lines, or for a pure insertion the lines on both sides of the insertion point.
 */
export function affectedLines(block: ChangeBlock): LineRange {
  if (block.removed.length) return { start: block.oldStart, end: oldEnd(block) };
  return { start: Math.max(1, block.oldStart - 1), end: block.oldStart };
}

/** The fixed findings a block carries out. */
export function fixedFindingsOf(block: ChangeBlock, findings: Finding[]): Finding[] {
  return findings.filter((f) => f.fixed && overlaps(findingLines(f), affectedLines(block)));
}

/** Text of an anchor line (for suggestions that must repeat it), when the diff shows it. */
export function anchorText(block: ChangeBlock): { line: DiffLine; position: "before" | "after" } | undefined {
  if (block.removed.length) return undefined;
  if (block.oldStart > 1) return block.before && { line: block.before, position: "before" };
  return block.after && { line: block.after, position: "after" };
}

/** The exact text a side of a block covers, line breaks included. */
export function sideText(lines: DiffLine[]): string {
  return lines.map((l) => l.text + (l.newline ? "\n" : "")).join("");
}

/** A line's text as shown to people: without the `\r` of a CRLF file. */
export function shown(line: DiffLine): string {
  return line.text.replace(/\r$/, "");
}

/** The block as `-`/`+` diff lines (for annotations, review bodies and markdown). */
export function blockDiff(block: ChangeBlock): string {
  return [...block.removed.map((l) => `-${shown(l)}`), ...block.added.map((l) => `+${shown(l)}`)].join("\n");
}

/** True when two inclusive line ranges share a line. */
export function overlaps(a: LineRange, b: LineRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** True when `range` shares a line with any of `ranges`. */
export function touches(range: LineRange, ranges: LineRange[]): boolean {
  return ranges.some((r) => overlaps(range, r));
}

/** True when every line of `range` lies inside one of `ranges` (ranges are merged, so one suffices). */
export function within(range: LineRange, ranges: LineRange[]): boolean {
  return ranges.some((r) => r.start <= range.start && range.end <= r.end);
}

/** The lines a finding covers. */
export function findingLines(finding: Pick<Finding, "line" | "endLine">): LineRange {
  return { start: finding.line, end: Math.max(finding.line, finding.endLine) };
}

/** Sorted, merged ranges (adjacent ranges join). */
export function mergeRanges(ranges: LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: LineRange[] = [];
  for (const r of sorted) {
    const tail = merged[merged.length - 1];
    if (tail && r.start <= tail.end + 1) tail.end = Math.max(tail.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The longest run of backticks in `text`, so a fence around it can be longer. */
export function fenceFor(text: string, minimum = 3): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(minimum, longest + 1));
}

/** A report path made repository-relative with the report's `gitPrefix` (posix, normalised). */
export function repoPath(gitPrefix: string | undefined, path: string): string {
  const parts: string[] = [];
  for (const part of `${gitPrefix ?? ""}${path}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/") || ".";
}
