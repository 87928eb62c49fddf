/**
 * The programmatic API: `run(options)` discovers files, applies transforms, builds generated
 * modules, writes (unless dry/check/print) and returns one Report. It never exits the process.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig, type ResolvedConfig } from "../transforms/lib/config.js";
import type { FileContribution } from "../transforms/lib/context.js";
import { buildProjectIndex } from "../transforms/lib/redis/project.js";
import { findTransform, transforms as registered, type TransformModule } from "../transforms/registry.js";
import { unifiedDiff } from "./diff.js";
import { discoverFiles, displayPath, isInside, uncommittedChanges, UsageError, writeAtomic } from "./files.js";
import { processFiles } from "./pool.js";
import type { FileOutcome } from "./process-file.js";
import { summarize, REPORT_VERSION, type CreatedFileReport, type FileReport, type MigrationPlanEntry, type Report, type RunMode } from "./report/model.js";
import { changedLinesOf, gitPrefixOf, limitToChangedLines, selectChanged, type ChangeSet } from "./since.js";
import { toolInfo } from "./tool-info.js";

export interface RunOptions {
  /** Transform ids, `all`, or transform modules (used by tests and custom runs). */
  transforms: Array<string | TransformModule>;
  paths: string[];
  cwd?: string;
  mode?: RunMode;
  configFile?: string;
  ttl?: number;
  app?: string;
  envVar?: string;
  extensions?: string[];
  ignorePatterns?: string[];
  force?: boolean;
  includeTests?: boolean;
  mark?: boolean;
  /** Worker threads for parsing (default: available cores). */
  jobs?: number;
  /** Only the `index`-th (1-based) of `count` deterministic slices of the file list. */
  shard?: { index: number; count: number };
  /** Only these files (from `changesSince`, for `--since`); each file report gets its changed lines. */
  changes?: ChangeSet;
  /** With `changes`: keep only findings, and rewrites, that touch changed lines (`--changed-lines-only`). */
  changedLinesOnly?: boolean;
  /** Called with each finished file (progress display). */
  onFile?: (outcome: FileOutcome, done: number, total: number) => void;
}

export class DirtyTreeError extends Error {
  constructor(readonly changes: string[]) {
    super(`the git tree has uncommitted changes (${changes.length}); commit or stash them, or pass --force`);
    this.name = "DirtyTreeError";
  }
}

/** Runs the transforms and returns the report; throws UsageError, ConfigError or DirtyTreeError before touching files. */
export async function run(options: RunOptions): Promise<Report> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const mode = options.mode ?? "write";
  const selected = await resolveTransforms(options.transforms, cwd);
  const firstPath = resolve(cwd, options.paths[0] ?? ".");
  const config = loadConfig(firstPath, { configFile: options.configFile && resolve(cwd, options.configFile), ttl: options.ttl, app: options.app, envVar: options.envVar });
  if (mode === "write" && !options.force) {
    const changes = uncommittedChanges(config.root);
    if (changes.length) throw new DirtyTreeError(changes);
  }
  const discovered = await discoverFiles({ paths: options.paths, cwd, root: config.root, extensions: options.extensions, ignorePatterns: options.ignorePatterns });
  const changed = options.changes ? selectChanged(discovered, options.changes) : discovered;
  const files = options.shard ? inShard(changed, config.root, options.shard) : changed;
  const project = buildProjectIndex(config.root);
  const processOptions = { config, project, includeTests: Boolean(options.includeTests), mark: Boolean(options.mark) };
  const outcomes = onChangedLines(await processFiles(files, selected, processOptions, { jobs: options.jobs, onFile: options.onFile, partial: Boolean(options.shard || options.changes) }), options);
  const created = generatedModules(outcomes, selected, config, cwd);
  if (mode === "write") writeAll(outcomes, created.writes);
  const fileReports = outcomes.map((o) => fileReport(o, cwd, options.changes));
  const report: Report = {
    version: REPORT_VERSION,
    tool: toolInfo(),
    mode,
    transforms: selected.map((t) => t.meta.id),
    root: displayPath(cwd, config.root),
    files: fileReports,
    created: options.shard ? [] : created.reports,
    migrationPlan: migrationPlan(outcomes, cwd),
    summary: summarize(fileReports, options.shard ? [] : created.reports, Date.now() - started),
  };
  // A shard cannot render modules fed by every file; merge-reports renders them from these.
  if (options.shard) {
    report.shard = options.shard;
    report.contributions = outcomes.flatMap((o) => o.contributions.map((c) => ({ ...c, path: displayPath(cwd, c.path) })));
  }
  const gitPrefix = gitPrefixOf(cwd);
  if (gitPrefix !== undefined) report.gitPrefix = gitPrefix;
  if (options.changes) report.since = { ref: options.changes.ref, mergeBase: options.changes.mergeBase, changedLinesOnly: Boolean(options.changedLinesOnly) };
  return report;
}

/** `--changed-lines-only`: each outcome limited to its file's changed lines (before anything is written). */
function onChangedLines(outcomes: FileOutcome[], options: RunOptions): FileOutcome[] {
  const changes = options.changes;
  if (!changes || !options.changedLinesOnly) return outcomes;
  return outcomes.map((o) => limitToChangedLines(o, changedLinesOf(changes, o.file)));
}

/** The files of one shard: a stable hash of the path inside the project picks the slice. */
export function inShard(files: string[], root: string, shard: { index: number; count: number }): string[] {
  return files.filter((f) => fnv1a(displayPath(root, f)) % shard.count === shard.index - 1);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Ids, `all`, or paths of custom transform modules (anything with a `/` or a file extension) to
 * modules, in the fixed order of the registry; custom transforms run last, in the order given.
 */
export async function resolveTransforms(requested: Array<string | TransformModule>, cwd = process.cwd()): Promise<TransformModule[]> {
  const modules: TransformModule[] = [];
  for (const item of requested) {
    if (typeof item !== "string") {
      modules.push(item);
      continue;
    }
    for (const id of item.split(",").map((s) => s.trim()).filter(Boolean)) {
      if (id === "all") {
        modules.push(...registered);
        continue;
      }
      if (/[\\/]|\.[cm]?[jt]s$/.test(id)) {
        modules.push(await loadCustomTransform(resolve(cwd, id)));
        continue;
      }
      const found = findTransform(id);
      if (!found) throw new UsageError(`unknown transform "${id}" (run \`redis-codemods list\`)`);
      modules.push(found);
    }
  }
  const unique = [...new Set(modules)];
  if (!unique.length) throw new UsageError("no transform given");
  const order = (t: TransformModule) => {
    const i = registered.indexOf(t);
    return i === -1 ? registered.length : i;
  };
  return unique.sort((a, b) => order(a) - order(b));
}

async function loadCustomTransform(file: string): Promise<TransformModule> {
  if (!existsSync(file)) throw new UsageError(`transform file not found: ${file}`);
  const mod = await import(pathToFileURL(file).href);
  const transform = typeof mod.default === "function" ? mod.default : mod.default?.default;
  if (typeof transform !== "function") throw new UsageError(`${file} has no default-exported transform function`);
  const id = mod.meta?.id ?? file;
  return { default: transform, meta: mod.meta ?? { id, rule: "R1", title: id, description: "custom transform" }, source: pathToFileURL(file).href };
}

function fileReport(o: FileOutcome, cwd: string, changes?: ChangeSet): FileReport {
  const path = displayPath(cwd, o.file);
  const report: FileReport = { path, status: o.status, findings: o.findings };
  if (o.reason) report.reason = o.reason;
  if (o.status === "changed") {
    report.diff = unifiedDiff(path, o.before ?? "", o.after ?? "");
    report.changedBy = o.changedBy;
  }
  if (changes) report.changedLines = changedLinesOf(changes, o.file);
  return report;
}

interface GeneratedModules {
  reports: CreatedFileReport[];
  writes: Array<{ file: string; content: string }>;
}

/** Merges every file's contributions per generated module and renders each once. */
export function generatedModules(outcomes: Array<Pick<FileOutcome, "contributions">>, selected: TransformModule[], config: ResolvedConfig, cwd: string): GeneratedModules {
  const byPath = new Map<string, FileContribution[]>();
  for (const c of outcomes.flatMap((o) => o.contributions)) {
    const key = `${c.transform}\0${c.path}`;
    byPath.set(key, [...(byPath.get(key) ?? []), c]);
  }
  const result: GeneratedModules = { reports: [], writes: [] };
  for (const contributions of [...byPath.values()].sort((a, b) => a[0].path.localeCompare(b[0].path))) {
    const { path, transform } = contributions[0];
    const meta = selected.find((t) => t.meta.id === transform)?.meta;
    if (!meta?.generateFile) continue;
    if (!isInside(config.root, path)) throw new UsageError(`${transform} wanted to write outside the project: ${path}`);
    const existing = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    const content = meta.generateFile(path, contributions.map((c) => c.data), existing, config);
    if (content === existing) continue;
    const shown = displayPath(cwd, path);
    result.reports.push({ path: shown, status: existing === undefined ? "created" : "updated", transform, diff: unifiedDiff(shown, existing ?? "", content, existing === undefined) });
    result.writes.push({ file: path, content });
  }
  return result;
}

function writeAll(outcomes: FileOutcome[], created: Array<{ file: string; content: string }>): void {
  for (const o of outcomes) if (o.status === "changed" && o.after !== undefined) writeAtomic(o.file, o.after);
  for (const c of created) writeAtomic(c.file, c.content);
}

/** Every rewritten key site, with overlaps between old patterns flagged. */
function migrationPlan(outcomes: FileOutcome[], cwd: string): MigrationPlanEntry[] {
  return flagOverlaps(outcomes.flatMap((o) => o.migrations.map((m) => ({ file: displayPath(cwd, o.file), ...m }))));
}

/** Marks plan entries whose old pattern can match the same keys as another entry's. */
export function flagOverlaps(plan: MigrationPlanEntry[]): MigrationPlanEntry[] {
  const entries = plan.map(({ overlapsWith: _drop, ...e }) => e);
  const patterns = [...new Set(entries.map((e) => e.oldPattern))];
  return entries.map((e) => {
    const overlaps = patterns.filter((p) => p !== e.oldPattern && patternsOverlap(p, e.oldPattern));
    return overlaps.length ? { ...e, overlapsWith: overlaps } : e;
  });
}

/** Two `{placeholder}` patterns overlap when some key could match both. */
export function patternsOverlap(a: string, b: string): boolean {
  const toRegex = (p: string) => new RegExp(`^${p.split(/\{[^}]*\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join(".+")}$`);
  const sample = (p: string) => p.replace(/\{[^}]*\}/g, "x");
  return toRegex(a).test(sample(b)) || toRegex(b).test(sample(a));
}
