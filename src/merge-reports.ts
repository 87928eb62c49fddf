/**
 * `redis-codemods merge-reports`: combines the JSON reports of `--shard i/n` runs into the report
 * one unsharded run would have produced, rendering generated modules from every shard's
 * contributions.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadConfig } from "../transforms/lib/config.js";
import { findTransform, type TransformModule } from "../transforms/registry.js";
import { UsageError } from "./files.js";
import { REPORT_VERSION, summarize, type Report } from "./report/model.js";
import { flagOverlaps, generatedModules, resolveTransforms } from "./run.js";

export interface MergeOptions {
  files: string[];
  cwd?: string;
  /** Paths of custom transform modules that some shard ran (built-in ones are found by id). */
  transformModules?: string[];
}

/** Reads shard reports and merges them; throws UsageError when they do not form one complete run. */
export async function mergeReports(options: MergeOptions): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const reports = options.files.map((f) => readReport(resolve(cwd, f)));
  checkComplete(reports);
  const [first] = reports;
  const custom = options.transformModules?.length ? await resolveTransforms(options.transformModules, cwd) : [];
  const transforms = first.transforms.map((id) => findTransform(id) ?? custom.find((t) => t.meta.id === id));
  const files = reports.flatMap((r) => r.files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const contributions = reports.flatMap((r) => r.contributions ?? []).map((c) => ({ ...c, path: resolve(cwd, c.path) }));
  const config = loadConfig(resolve(cwd, first.root));
  const created = generatedModules([{ contributions }], transforms.filter((t): t is TransformModule => Boolean(t)), config, cwd);
  const plan = reports.flatMap((r) => r.migrationPlan).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const durationMs = Math.max(...reports.map((r) => r.summary.durationMs));
  const merged: Report = {
    version: REPORT_VERSION,
    tool: first.tool,
    mode: first.mode,
    transforms: first.transforms,
    root: first.root,
    files,
    created: created.reports,
    migrationPlan: flagOverlaps(plan),
    summary: summarize(files, created.reports, durationMs),
  };
  if (first.gitPrefix !== undefined) merged.gitPrefix = first.gitPrefix;
  if (first.since) merged.since = first.since;
  return merged;
}

function readReport(file: string): Report {
  let report: Report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: not a JSON report (${(error as Error).message})`);
  }
  if (report.version !== REPORT_VERSION) throw new UsageError(`${file}: report version ${report.version}, expected ${REPORT_VERSION}`);
  if (!report.shard) throw new UsageError(`${file}: not a shard report (run with --shard i/n --format json)`);
  return report;
}

/** The shards must come from the same kind of run and cover 1..n exactly once. */
function checkComplete(reports: Report[]): void {
  if (!reports.length) throw new UsageError("no reports given");
  const [first] = reports;
  const same = (r: Report) => r.mode === first.mode && r.root === first.root && r.transforms.join() === first.transforms.join() && r.shard!.count === first.shard!.count;
  if (!reports.every(same)) throw new UsageError("the reports come from different runs (mode, root, transforms or shard count differ)");
  const seen = reports.map((r) => r.shard!.index).sort((a, b) => a - b);
  const expected = Array.from({ length: first.shard!.count }, (_, i) => i + 1);
  if (seen.join() !== expected.join()) throw new UsageError(`shards ${seen.join(", ")} given; expected ${expected.join(", ")}`);
}
