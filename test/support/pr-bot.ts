/**
 * Helpers for the PR bot tests: golden files, normalising run-specific values, an independent
 * reading of `git diff -U0`, and appliers that replay SARIF fixes and review suggestions on a
 * file's text (so tests check that they reproduce the codemod's output, not just their shape).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./project.js";
import { gitIn } from "./pr-repo.js";

const GOLDEN_DIR = join(REPO_ROOT, "test", "fixtures", "pr-bot", "golden");
const require = createRequire(import.meta.url);

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it instead (review the diff!). */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (!process.env.UPDATE_GOLDEN) throw new Error(`golden ${name} did not exist; written — review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/** Replaces what differs between runs: the merge base sha, timings and the tool version. */
export function normalize(text: string, mergeBase: string): string {
  const version = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version as string;
  return text
    .replaceAll(mergeBase, "<merge-base>")
    .replaceAll(mergeBase.slice(0, 12), "<merge-base>")
    .replace(/"durationMs": \d+/g, '"durationMs": 0')
    .replace(new RegExp(`"(version|semanticVersion)": "${version.replace(/\./g, "\\.")}"`, "g"), '"$1": "<version>"');
}

/** Right-side line numbers of `git diff -U0 <base>` per path, read straight from the hunk headers. */
export function prDiffLines(dir: string, base: string): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of gitIn(dir, "diff", "-U0", "-M", base).split("\n")) {
    if (line.startsWith("+++ ")) {
      current = line === "+++ /dev/null" ? undefined : new Set();
      if (current) lines.set(line.slice("+++ b/".length), current);
    }
    const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) for (let i = 0; i < Number(hunk[2] ?? 1); i++) current.add(Number(hunk[1]) + i);
  }
  return lines;
}

interface Replacement {
  deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  insertedContent?: { text: string };
}

/** Applies SARIF replacements (line/column, UTF-16 columns) to `text`, last first. */
export function applyReplacements(text: string, replacements: Replacement[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (line: number, column: number) => {
    if (line > starts.length) throw new Error(`line ${line} is past the end of the text`);
    return starts[line - 1] + column - 1;
  };
  const edits = replacements.map((r) => ({
    start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn),
    end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn),
    text: r.insertedContent?.text ?? "",
  }));
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** Applies review suggestions (replace lines start_line..line with the block's content), bottom first. */
export function applySuggestions(text: string, comments: Array<{ line: number; start_line?: number; body: string }>): string {
  const lines = text.split("\n");
  const sorted = [...comments].sort((a, b) => b.line - a.line);
  for (const c of sorted) {
    const start = c.start_line ?? c.line;
    lines.splice(start - 1, c.line - start + 1, ...suggestionLines(c.body));
  }
  return lines.join("\n");
}

/** The lines inside a comment's suggestion fence (none for a deletion). */
export function suggestionLines(body: string): string[] {
  const match = /(`{3,})suggestion\n([\s\S]*?)\1$/.exec(body);
  if (!match) throw new Error(`no suggestion block in ${body}`);
  return match[2] === "" ? [] : match[2].replace(/\n$/, "").split("\n");
}

/** The official SARIF 2.1.0 schema, compiled (draft-04, as published). */
export function sarifValidator() {
  const Ajv = require("ajv-draft-04");
  const addFormats = require("ajv-formats");
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")));
}

/** Our report schema, compiled strictly (draft 2020-12). */
export function reportValidator() {
  const Ajv2020 = require("ajv/dist/2020");
  const addFormats = require("ajv-formats");
  // Strict schema checks, except strictRequired: the status-dependent `required` lists in if/then
  // name properties declared once at the top of the object, as they should be.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, "schema", "report.schema.json"), "utf8")));
}
