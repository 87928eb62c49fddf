/**
 * One file through the selected transforms: read, apply each in order, collect findings.
 * Pure with respect to the file system (it reads, never writes), so it can run in a worker.
 */
import { diffLines } from "diff";
import type { API } from "jscodeshift";
import type { FileContribution, Finding, MigrationEntry, RunnerContext } from "../transforms/lib/context.js";
import { fallbackParser, isParseError, jscodeshiftFor, parseOnce, parserForPath, type ParserName } from "../transforms/lib/parser.js";
import type { ResolvedConfig } from "../transforms/lib/config.js";
import type { ProjectIndex } from "../transforms/lib/redis/project.js";
import type { TransformModule } from "../transforms/registry.js";
import { encodeSource, readSource } from "./files.js";

export interface FileOutcome {
  file: string;
  status: "changed" | "unchanged" | "skipped" | "error";
  reason?: string;
  /** Original bytes as read, and the new bytes to write (changed files only). */
  before?: string;
  after?: string;
  changedBy: string[];
  findings: Finding[];
  migrations: MigrationEntry[];
  contributions: FileContribution[];
}

export interface ProcessOptions {
  config: ResolvedConfig;
  project: ProjectIndex;
  includeTests: boolean;
  mark: boolean;
  /** Files of the run that passed the text prefilter (handed to transforms as `ctx.runFiles`). */
  runFiles?: readonly string[];
  /** Extra options handed to every transform (as the jscodeshift CLI would). */
  transformOptions?: Record<string, unknown>;
}

/**
 * The outcome of a file that needs no parsing — skipped, or no transform's text prefilter
 * matches — else undefined. Cheap: one read and a few regular expressions.
 */
export function quickOutcome(file: string, transforms: TransformModule[], opts: ProcessOptions): FileOutcome | undefined {
  const read = readSource(file, opts.config.root);
  if (!read.ok) return { ...emptyOutcome(file), status: "skipped", reason: read.reason };
  const applies = transforms.some((t) => !t.meta.mayApply || t.meta.mayApply(read.source.text, file, opts.project));
  return applies ? undefined : emptyOutcome(file);
}

function emptyOutcome(file: string): FileOutcome {
  return { file, status: "unchanged", changedBy: [], findings: [], migrations: [], contributions: [] };
}

/** Runs `transforms` in order over one file and reports what happened. */
export function processFile(file: string, transforms: TransformModule[], opts: ProcessOptions): FileOutcome {
  const outcome = emptyOutcome(file);
  const read = readSource(file, opts.config.root);
  if (!read.ok) return { ...outcome, status: "skipped", reason: read.reason };
  const primary = parserForPath(file);
  try {
    return applyAll(outcome, read.source.text, primary, transforms, opts, read);
  } catch (error) {
    const fallback = fallbackParser(file, primary);
    if (fallback && isParseError(error)) {
      try {
        return applyAll(emptied(outcome), read.source.text, fallback, transforms, opts, read);
      } catch (second) {
        return failed(outcome, second);
      }
    }
    return failed(outcome, error);
  }
}

function applyAll(
  outcome: FileOutcome,
  text: string,
  parser: ParserName,
  transforms: TransformModule[],
  opts: ProcessOptions,
  read: { source: { bom: boolean; crlf: boolean }; raw: string },
): FileOutcome {
  const j = parseOnce(jscodeshiftFor(parser));
  const api: API = { j, jscodeshift: j, stats: () => {}, report: () => {} };
  let source = text;
  let toOriginal: LineMap = (line) => line;
  for (const t of transforms) {
    const runner: RunnerContext = {
      config: opts.config,
      project: opts.project,
      includeTests: opts.includeTests,
      mark: opts.mark,
      sink: outcome,
      runFiles: opts.runFiles,
    };
    const firstFinding = outcome.findings.length;
    const firstMigration = outcome.migrations.length;
    const result = t.default({ path: outcome.file, source }, api, { ...opts.transformOptions, redisCodemods: runner });
    // A later transform sees the text the earlier ones wrote; report lines of the file as it is on disk.
    for (const f of outcome.findings.slice(firstFinding)) Object.assign(f, { line: toOriginal(f.line), endLine: toOriginal(f.endLine) });
    for (const m of outcome.migrations.slice(firstMigration)) m.line = toOriginal(m.line);
    if (typeof result === "string" && result !== source) {
      const step = lineMap(source, result);
      const previous = toOriginal;
      toOriginal = (line) => previous(step(line));
      source = result;
      outcome.changedBy.push(t.meta.id);
    }
  }
  if (source === text) return outcome;
  return { ...outcome, status: "changed", before: read.raw, after: encodeSource(source, read.source) };
}

type LineMap = (line: number) => number;

/** Maps a line of `after` to the line of `before` it came from (inserted lines: the line they follow). */
export function lineMap(before: string, after: string): LineMap {
  const table: number[] = [0];
  let oldLine = 1;
  for (const part of diffLines(before, after)) {
    const count = part.count ?? 0;
    if (part.removed) {
      oldLine += count;
      continue;
    }
    for (let i = 0; i < count; i++) table.push(part.added ? Math.max(1, oldLine - 1) : oldLine + i);
    if (!part.added) oldLine += count;
  }
  return (line) => table[line] ?? Math.max(1, oldLine - 1);
}

function emptied(outcome: FileOutcome): FileOutcome {
  return { ...outcome, changedBy: [], findings: [], migrations: [], contributions: [] };
}

function failed(outcome: FileOutcome, error: unknown): FileOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const kind = isParseError(error) ? "parse error" : "transform error";
  return { ...emptied(outcome), status: "error", reason: `${kind}: ${message.split("\n")[0]}` };
}
