/**
 * File discovery, reading and safe writing. Discovery honours .gitignore from the repository
 * root; reading normalises BOM and CRLF so transforms see plain text; writing restores both
 * and replaces the file atomically with its mode kept.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { globby } from "globby";
import picomatch from "picomatch";

export const DEFAULT_EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];
const ALWAYS_IGNORED = ["**/node_modules/**", "**/dist/**", "**/build/**", "**/out/**", "**/coverage/**", "**/.next/**", "**/.git/**", "**/*.d.ts", "**/*.d.mts", "**/*.d.cts"];
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_LINE_LENGTH = 5000;

export interface DiscoverOptions {
  paths: string[];
  cwd: string;
  root: string;
  extensions?: string[];
  ignorePatterns?: string[];
}

/** The absolute files to process, sorted, without symlinks that point out of the project root. */
export async function discoverFiles(opts: DiscoverOptions): Promise<string[]> {
  const extensions = opts.extensions?.length ? opts.extensions : DEFAULT_EXTENSIONS;
  const found = new Set<string>();
  for (const input of opts.paths.length ? opts.paths : ["."]) {
    const abs = resolve(opts.cwd, input);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`path not found: ${input}`);
    if (stat.isFile()) {
      found.add(abs);
      continue;
    }
    const patterns = extensions.map((e) => `**/*.${e.replace(/^\./, "")}`);
    const ignore = [...ALWAYS_IGNORED, ...(opts.ignorePatterns ?? [])];
    const files =
      listedByGit(abs, patterns, ignore) ??
      (await globby(patterns, { cwd: abs, absolute: true, gitignore: true, followSymbolicLinks: false, ignore, onlyFiles: true, dot: false }));
    for (const f of files) found.add(f);
  }
  return [...found].filter((f) => isInside(opts.root, f) || !isSymlinkOutside(opts.root, f)).sort();
}

/**
 * Inside a git work tree, git itself lists the files (tracked, plus untracked ones that are not
 * ignored): exactly .gitignore's semantics from the repository root, and on a 50,000-file tree
 * about 2 s and 200 MB cheaper than globby's gitignore option. undefined outside git.
 */
function listedByGit(dir: string, patterns: string[], ignore: string[]): string[] | undefined {
  let out: string;
  try {
    out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return undefined;
  }
  const wanted = picomatch(patterns, { dot: false });
  const unwanted = picomatch(ignore, { dot: true });
  return out
    .split("\0")
    .filter((rel) => rel && wanted(rel) && !unwanted(rel))
    .map((rel) => join(dir, rel))
    .filter((file) => lstatSync(file, { throwIfNoEntry: false })?.isFile() || isSymlinkToFile(file));
}

function isSymlinkToFile(file: string): boolean {
  return Boolean(lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() && statSync(file, { throwIfNoEntry: false })?.isFile());
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The git work tree containing `dir`, or undefined outside git. */
export function gitRootOf(dir: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Paths with uncommitted changes under `dir` (empty when clean or not in git). */
export function uncommittedChanges(dir: string): string[] {
  try {
    const out = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", "."], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\n").filter((line) => line && !isUntrackedNonSource(line));
  } catch {
    return [];
  }
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * An untracked file the run cannot write (a report redirected into the tree, `report.json`, a
 * log) puts no edit at risk, so it does not make the tree dirty; untracked sources still do.
 */
function isUntrackedNonSource(statusLine: string): boolean {
  return statusLine.startsWith("?? ") && !SOURCE_FILE.test(statusLine.slice(3).replace(/^"|"$/g, ""));
}

export function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function isSymlinkOutside(root: string, file: string): boolean {
  try {
    return !isInside(realpathSync(root), realpathSync(file));
  } catch {
    return true;
  }
}

export interface SourceText {
  /** Text as transforms see it: no BOM, `\n` line endings. */
  text: string;
  bom: boolean;
  crlf: boolean;
}

export type ReadResult = { ok: true; source: SourceText; raw: string } | { ok: false; reason: string };

/** Reads a file for transforming, or says why it is skipped (binary, minified, huge, symlink out of root). */
export function readSource(file: string, root: string): ReadResult {
  const link = lstatSync(file);
  if (link.isSymbolicLink() && isSymlinkOutside(root, file)) return { ok: false, reason: "symlink pointing outside the project" };
  const stat = statSync(file);
  if (stat.size > MAX_FILE_BYTES) return { ok: false, reason: `too large (${stat.size} bytes > ${MAX_FILE_BYTES})` };
  const buffer = readFileSync(file);
  if (buffer.includes(0)) return { ok: false, reason: "binary file" };
  const raw = buffer.toString("utf8");
  if (isMinified(raw)) return { ok: false, reason: `minified (a line longer than ${MAX_LINE_LENGTH} characters)` };
  return { ok: true, source: decodeSource(raw), raw };
}

function isMinified(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > MAX_LINE_LENGTH) return true;
    start = stop + 1;
  }
  return false;
}

/** Strips a BOM and turns CRLF into LF when every line break is CRLF. */
export function decodeSource(raw: string): SourceText {
  const bom = raw.charCodeAt(0) === 0xfeff;
  const body = bom ? raw.slice(1) : raw;
  const crlfCount = body.split("\r\n").length - 1;
  const lfCount = body.split("\n").length - 1;
  const crlf = crlfCount > 0 && crlfCount === lfCount;
  return { text: crlf ? body.replace(/\r\n/g, "\n") : body, bom, crlf };
}

/** The inverse of `decodeSource` for the transformed text. */
export function encodeSource(text: string, like: Pick<SourceText, "bom" | "crlf">): string {
  const body = like.crlf ? text.replace(/\r?\n/g, "\r\n") : text;
  return like.bom ? `\ufeff${body}` : body;
}

/** Writes via a temporary file in the same folder and a rename, keeping the original mode. */
export function writeAtomic(file: string, content: string): void {
  const existing = statSync(file, { throwIfNoEntry: false });
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basenameOf(file)}.redis-codemods-${process.pid}.tmp`);
  writeFileSync(tmp, content);
  if (existing) chmodSync(tmp, existing.mode & 0o7777);
  renameSync(tmp, file);
}

function basenameOf(file: string): string {
  return file.slice(file.lastIndexOf(sep) + 1);
}

/** Posix-style path relative to `from`, for reports. */
export function displayPath(from: string, file: string): string {
  return relative(from, file).split(sep).join("/") || ".";
}
