/**
 * `--since <ref>`: which files, and which of their lines, changed between the merge base with
 * `ref` and the working tree (committed, staged, unstaged and untracked work alike), as git sees
 * it. The PR bot runs on these instead of the whole tree, and `--changed-lines-only` keeps only
 * what touches the changed lines.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { unifiedDiff } from "./diff.js";
import { UsageError } from "./files.js";
import type { FileOutcome } from "./process-file.js";
import { affectedLines, changeBlocks, findingLines, mergeRanges, touches } from "./report/changes.js";
import type { LineRange } from "./report/model.js";

export interface ChangeSet {
  /** The ref as given. */
  ref: string;
  /** Full sha of the merge base of `ref` and HEAD. */
  mergeBase: string;
  /** Real absolute path of every added, modified, renamed or untracked file → its changed lines. */
  files: Map<string, LineRange[]>;
}

/** Why a file's changes were dropped by `--changed-lines-only` (shown as its `reason`). */
export const OUTSIDE_CHANGED_LINES = "changes only outside the changed lines (--changed-lines-only)";

/** Files and lines changed since the merge base of `ref` and HEAD, for the git repository holding `dir`. */
export function changesSince(ref: string, dir: string): ChangeSet {
  if (ref.startsWith("-")) throw new UsageError(`--since takes a git ref, got "${ref}"`);
  const top = gitTopLevel(dir);
  const mergeBase = findMergeBase(ref, top);
  const files = new Map<string, LineRange[]>();
  for (const path of changedPaths(mergeBase, top)) files.set(realPath(join(top, path)), []);
  for (const [path, ranges] of changedLineRanges(mergeBase, top)) {
    const abs = realPath(join(top, path));
    if (files.has(abs)) files.set(abs, ranges);
  }
  for (const path of untrackedPaths(top)) {
    const abs = realPath(join(top, path));
    files.set(abs, wholeFile(abs));
  }
  return { ref, mergeBase, files };
}

/** The working directory's place in its git work tree (`git rev-parse --show-prefix`), or undefined outside git. */
export function gitPrefixOf(dir: string): string | undefined {
  try {
    return git(["rev-parse", "--show-prefix"], dir).trim();
  } catch {
    return undefined;
  }
}

/** The files of `files` that the change set holds. */
export function selectChanged(files: string[], changes: ChangeSet): string[] {
  return files.filter((f) => changes.files.has(realPath(f)));
}

/** The changed lines of one file (empty for a pure rename, a mode change or a file outside the set). */
export function changedLinesOf(changes: ChangeSet, file: string): LineRange[] {
  return changes.files.get(realPath(file)) ?? [];
}

/**
 * `--changed-lines-only` for one file: keeps the findings on changed lines, and the file's rewrite
 * only when one of its change blocks touches a changed line. The rewrite is kept or dropped as a
 * whole: applying part of it could leave code half-migrated (a call rewritten, its import not).
 */
export function limitToChangedLines(outcome: FileOutcome, lines: LineRange[]): FileOutcome {
  const findings = outcome.findings.filter((f) => touches(findingLines(f), lines));
  if (outcome.status !== "changed") return { ...outcome, findings };
  const blocks = changeBlocks(unifiedDiff("file", outcome.before ?? "", outcome.after ?? ""));
  if (blocks.some((b) => touches(affectedLines(b), lines))) return { ...outcome, findings };
  return { ...outcome, status: "unchanged", reason: OUTSIDE_CHANGED_LINES, after: undefined, changedBy: [], findings, migrations: [], contributions: [] };
}

/** Runs git in `cwd` with settings that keep its output machine-readable whatever the user's config. */
function git(args: string[], cwd: string): string {
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1024 ** 3 });
}

function gitTopLevel(dir: string): string {
  const stat = statSync(dir, { throwIfNoEntry: false });
  // A missing path is reported by file discovery; look for the repository from here meanwhile.
  const start = !stat ? "." : stat.isFile() ? dirname(dir) : dir;
  try {
    return git(["rev-parse", "--show-toplevel"], start).trim();
  } catch {
    throw new UsageError(`--since needs a git repository, and ${resolve(start)} is not inside one`);
  }
}

function isShallow(top: string): boolean {
  try {
    return git(["rev-parse", "--is-shallow-repository"], top).trim() === "true";
  } catch {
    return false;
  }
}

/** The merge base sha, or a UsageError that says what to fetch. */
function findMergeBase(ref: string, top: string): string {
  const shallow = isShallow(top);
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], top);
  } catch {
    const hint = shallow
      ? `this is a shallow clone: fetch the base first (git fetch origin ${ref.replace(/^origin\//, "")}), or check out with actions/checkout and fetch-depth: 0`
      : `fetch it first (git fetch origin ${ref.replace(/^origin\//, "")}) or pass an existing branch, tag or sha`;
    throw new UsageError(`--since: unknown git ref "${ref}"; ${hint}`);
  }
  try {
    return git(["merge-base", ref, "HEAD"], top).trim();
  } catch {
    const hint = shallow
      ? "the clone is shallow and their common ancestor was not fetched: deepen it (git fetch --deepen=200 origin, or git fetch --unshallow), or check out with actions/checkout and fetch-depth: 0"
      : "the histories are unrelated";
    throw new UsageError(`--since: no merge base between "${ref}" and HEAD; ${hint}`);
  }
}

/** Added, modified, renamed, copied and type-changed paths since `base` (deleted ones skipped), repository-relative. */
function changedPaths(base: string, top: string): string[] {
  const fields = git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-relative", base, "--"], top).split("\0");
  const paths: string[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const status = fields[i];
    if (status.startsWith("R") || status.startsWith("C")) {
      paths.push(fields[i + 2]);
      i += 3;
    } else {
      if (!status.startsWith("D")) paths.push(fields[i + 1]);
      i += 2;
    }
  }
  return paths;
}

function untrackedPaths(top: string): string[] {
  return git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0").filter(Boolean);
}

/** Right-side line ranges of `git diff -U0 <base>` per repository-relative path. */
function changedLineRanges(base: string, top: string): Map<string, LineRange[]> {
  const patch = git(["diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--src-prefix=a/", "--dst-prefix=b/", base, "--"], top);
  return parseZeroContextDiff(patch);
}

/** `+++ b/<path>` headers and `@@ -a,b +c,d @@` hunks of a `-U0` patch → changed right-side lines per path. */
export function parseZeroContextDiff(patch: string): Map<string, LineRange[]> {
  const result = new Map<string, LineRange[]>();
  let current: LineRange[] | undefined;
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = undefined;
    } else if (line.startsWith("+++ ")) {
      const target = line.slice(4);
      current = target === "/dev/null" ? undefined : [];
      if (current) result.set(unquoteGitPath(target).replace(/^b\//, ""), current);
    } else if (current && line.startsWith("@@ ")) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      const start = Number(match?.[1]);
      const count = match?.[2] === undefined ? 1 : Number(match[2]);
      if (match && count > 0) current.push({ start, end: start + count - 1 });
    }
  }
  for (const [path, ranges] of result) result.set(path, mergeRanges(ranges));
  return result;
}

/** Undoes git's C-style quoting of unusual path names (`"b/a\"b.js"`, octal UTF-8 bytes). */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") {
      bytes.push(...Buffer.from(body[i], "utf8"));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Every line of a new file counts as changed. */
function wholeFile(file: string): LineRange[] {
  try {
    const text = readFileSync(file, "utf8");
    const lines = text.length === 0 ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    return lines ? [{ start: 1, end: lines }] : [];
  } catch {
    return [];
  }
}

/** Resolves symlinked folders (macOS /var → /private/var) so paths from git and globby compare equal. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}
