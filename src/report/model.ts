/**
 * The one Report model every run produces; renderers (pretty, json, ...) only read it.
 * `version` changes whenever the JSON shape changes incompatibly.
 */
import type { Finding, RuleId } from "../../transforms/lib/context.js";

export const REPORT_VERSION = 1;

export type FileStatus = "changed" | "unchanged" | "skipped" | "error";
export type RunMode = "write" | "dry" | "check" | "print";

export interface FileReport {
  /** Posix path relative to the working directory. */
  path: string;
  status: FileStatus;
  /** Why a file was skipped or failed. */
  reason?: string;
  /** Unified diff of the change (changed files only). */
  diff?: string;
  /** Ids of the transforms that changed the file. */
  changedBy?: string[];
  findings: Finding[];
  /** With `--since`: the file's lines added or modified since the merge base (the PR diff's right side). */
  changedLines?: LineRange[];
}

/** Inclusive 1-based line range. */
export interface LineRange {
  start: number;
  end: number;
}

/** How a `--since` run chose its files. */
export interface SinceInfo {
  /** The ref as given (`origin/main`, a sha). */
  ref: string;
  /** Full sha of the merge base of `ref` and HEAD; files changed since it were processed. */
  mergeBase: string;
  /** True with `--changed-lines-only`: findings and changes outside `changedLines` were dropped. */
  changedLinesOnly: boolean;
}

export interface CreatedFileReport {
  path: string;
  status: "created" | "updated";
  transform: string;
  diff: string;
}

export interface MigrationPlanEntry {
  file: string;
  line: number;
  oldPattern: string;
  newPattern: string;
  /** Other old patterns of the plan that can match the same keys. */
  overlapsWith?: string[];
}

export interface RuleSummary {
  fixed: number;
  needsReview: number;
}

export interface ReportSummary {
  files: number;
  changed: number;
  unchanged: number;
  skipped: number;
  errors: number;
  created: number;
  findings: number;
  fixed: number;
  needsReview: number;
  byRule: Partial<Record<RuleId, RuleSummary>>;
  durationMs: number;
}

export interface Report {
  version: typeof REPORT_VERSION;
  /** `informationUri`/`docsUri` come from the tool's package.json `repository`/`homepage` when present (SARIF help links). */
  tool: { name: string; version: string; informationUri?: string; docsUri?: string };
  mode: RunMode;
  transforms: string[];
  /** Posix path of the project root relative to the working directory. */
  root: string;
  files: FileReport[];
  created: CreatedFileReport[];
  migrationPlan: MigrationPlanEntry[];
  summary: ReportSummary;
  /** Set on a `--shard i/n` run; `merge-reports` combines shards into one report. */
  shard?: { index: number; count: number };
  /** Shards only: generated-module contributions, rendered once all shards are merged. */
  contributions?: Array<{ path: string; transform: string; data: unknown }>;
  /**
   * The working directory inside its git work tree (`git rev-parse --show-prefix`: "" at the root,
   * else with a trailing "/"); absent outside git. Prefixed to a report path it gives the
   * repository-relative path GitHub annotations, SARIF and reviews need.
   */
  gitPrefix?: string;
  /** Present for `--since` runs. */
  since?: SinceInfo;
}

/** Counts derived from the file and created-file lists. */
export function summarize(files: FileReport[], created: CreatedFileReport[], durationMs: number): ReportSummary {
  const findings = files.flatMap((f) => f.findings);
  const byRule: Partial<Record<RuleId, RuleSummary>> = {};
  for (const f of findings) {
    const entry = (byRule[f.rule] ??= { fixed: 0, needsReview: 0 });
    if (f.fixed) entry.fixed++;
    else entry.needsReview++;
  }
  const count = (status: FileStatus) => files.filter((f) => f.status === status).length;
  return {
    files: files.length,
    changed: count("changed"),
    unchanged: count("unchanged"),
    skipped: count("skipped"),
    errors: count("error"),
    created: created.length,
    findings: findings.length,
    fixed: findings.filter((f) => f.fixed).length,
    needsReview: findings.filter((f) => !f.fixed).length,
    byRule,
    durationMs,
  };
}

/** Exit code of SPEC §2: 2 on any error, 1 when `--check` found changes, else 0. */
export function exitCodeOf(report: Report): number {
  if (report.summary.errors > 0) return 2;
  if (report.mode === "check" && (report.summary.changed > 0 || report.summary.created > 0)) return 1;
  return 0;
}
