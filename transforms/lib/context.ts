/**
 * What a transform may do besides rewriting its file: report findings, add key-migration plan
 * entries, and contribute to generated modules. Under our runner these flow into the Report; under
 * the plain jscodeshift CLI a standalone context prints findings and writes generated modules itself.
 */
import { existsSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import type { API, ASTPath, FileInfo, Options } from "jscodeshift";
import { loadConfig, type ResolvedConfig } from "./config.js";
import { loadProjectIndex, type ProjectIndex } from "./redis/project.js";

export type RuleId = "R1" | "R2" | "R3" | "R4";

export interface Finding {
  rule: RuleId;
  transform: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** true when the transform rewrote the site; false when it needs a human. */
  fixed: boolean;
}

export interface MigrationEntry {
  line: number;
  oldPattern: string;
  newPattern: string;
}

/** A transform's request that a generated module contain something (merged across files by `meta.generateFile`). */
export interface FileContribution {
  path: string;
  transform: string;
  data: unknown;
}

export interface TransformMeta {
  id: string;
  rule: RuleId;
  title: string;
  description: string;
  /**
   * Text-only test before parsing: false means the transform cannot change this file, so the
   * runner may skip parsing it. Omitted = always parse.
   */
  mayApply?: (source: string, file: string, project: ProjectIndex) => boolean;
  /** Builds a generated module's text from every contribution of the run and its current text (undefined = absent). */
  generateFile?: (path: string, contributions: unknown[], existing: string | undefined, config: ResolvedConfig) => string;
}

/** What the runner hands each transform through `options.redisCodemods`. */
export interface RunnerContext {
  config: ResolvedConfig;
  project: ProjectIndex;
  includeTests: boolean;
  mark: boolean;
  sink: FileSink;
  /** The files of this run that passed a transform's text prefilter (see TransformContext.runFiles). */
  runFiles?: readonly string[];
}

export interface FileSink {
  findings: Finding[];
  migrations: MigrationEntry[];
  contributions: FileContribution[];
}

export interface TransformContext {
  readonly config: ResolvedConfig;
  readonly project: ProjectIndex;
  readonly includeTests: boolean;
  /**
   * The files of this run that may concern a Redis transform (they passed a text prefilter), for
   * transforms that must look across files; undefined under the plain jscodeshift CLI.
   */
  readonly runFiles?: readonly string[];
  /** Absolute path of the file being transformed. */
  readonly file: string;
  /** Report a site that needs a human; with `--mark` also leaves a marker comment (see `marked`). */
  report(path: ASTPath, message: string): void;
  /** Record a site the transform rewrote (shown in reports, SARIF results carry the fix). */
  fixed(path: ASTPath, message: string): void;
  addMigration(path: ASTPath, oldPattern: string, newPattern: string): void;
  contribute(modulePath: string, data: unknown): void;
  /** True once a `--mark` marker was inserted, so the file must be printed even without rewrites. */
  readonly marked: boolean;
}

export const MARKER_PREFIX = "redis-codemods:";

/** The context for one transform call, from the runner when present, else standalone. */
export function getContext(file: FileInfo, api: API, options: Options, meta: TransformMeta): TransformContext {
  const runner = options.redisCodemods as RunnerContext | undefined;
  return runner ? new Context(file.path, meta, runner, api) : standaloneContext(file, api, options, meta);
}

class Context implements TransformContext {
  marked = false;
  readonly config: ResolvedConfig;
  readonly project: ProjectIndex;
  readonly includeTests: boolean;
  readonly runFiles?: readonly string[];

  constructor(
    readonly file: string,
    private readonly meta: TransformMeta,
    private readonly runner: RunnerContext,
    private readonly api: API,
    /** Standalone mode flushes findings and generated modules as they come. */
    private readonly onChange?: () => void,
  ) {
    this.config = runner.config;
    this.project = runner.project;
    this.includeTests = runner.includeTests;
    this.runFiles = runner.runFiles;
  }

  report(path: ASTPath, message: string): void {
    this.runner.sink.findings.push(this.finding(path, message, false));
    if (this.runner.mark && addMarker(this.api, path, message)) this.marked = true;
    this.onChange?.();
  }

  fixed(path: ASTPath, message: string): void {
    this.runner.sink.findings.push(this.finding(path, message, true));
    this.onChange?.();
  }

  addMigration(path: ASTPath, oldPattern: string, newPattern: string): void {
    this.runner.sink.migrations.push({ line: lineOf(path), oldPattern, newPattern });
  }

  contribute(modulePath: string, data: unknown): void {
    this.runner.sink.contributions.push({ path: modulePath, transform: this.meta.id, data });
    this.onChange?.();
  }

  private finding(path: ASTPath, message: string, fixed: boolean): Finding {
    const loc = (path.node as { loc?: { start: { line: number; column: number }; end: { line: number; column: number } } }).loc;
    return {
      rule: this.meta.rule,
      transform: this.meta.id,
      line: loc?.start.line ?? 0,
      column: (loc?.start.column ?? 0) + 1,
      endLine: loc?.end.line ?? loc?.start.line ?? 0,
      endColumn: (loc?.end.column ?? 0) + 1,
      message,
      fixed,
    };
  }
}

function lineOf(path: ASTPath): number {
  return (path.node as { loc?: { start: { line: number } } }).loc?.start.line ?? 0;
}

/** Under the plain jscodeshift CLI: findings go to `api.report`, generated modules are written at once. */
function standaloneContext(file: FileInfo, api: API, options: Options, meta: TransformMeta): TransformContext {
  const config = loadConfig(file.path, { configFile: options.config, ttl: numberOption(options.ttl), app: options.app, envVar: options.envVar });
  const sink: FileSink = { findings: [], migrations: [], contributions: [] };
  const runner: RunnerContext = {
    config,
    project: loadProjectIndex(config.root),
    includeTests: Boolean(options.includeTests ?? options["include-tests"]),
    mark: Boolean(options.mark),
    sink,
  };
  return new Context(file.path, meta, runner, api, () => flushStandalone(file.path, api, options, meta, config, sink));
}

function flushStandalone(file: string, api: API, options: Options, meta: TransformMeta, config: ResolvedConfig, sink: FileSink): void {
  for (const f of sink.findings.splice(0)) {
    api.report(`${relative(process.cwd(), file)}:${f.line}:${f.column} [${f.rule} ${f.transform}] ${f.fixed ? "fixed" : "needs review"}: ${f.message}`);
  }
  for (const c of sink.contributions.splice(0)) {
    if (!meta.generateFile) continue;
    const existing = existsSync(c.path) ? readFileSync(c.path, "utf8") : undefined;
    const next = meta.generateFile(c.path, [c.data], existing, config);
    if (next === existing) continue;
    if (options.dry) {
      api.report(`would ${existing === undefined ? "create" : "update"} ${relative(process.cwd(), c.path)}`);
    } else {
      mkdirSync(dirname(c.path), { recursive: true });
      writeFileSync(c.path, next);
    }
  }
}

function numberOption(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/** Adds `/* redis-codemods: reason *\/` before the statement holding `path`, once. */
function addMarker(api: API, path: ASTPath, message: string): boolean {
  const statement = enclosingStatement(path);
  if (!statement) return false;
  const node = statement.node as { comments?: Array<{ value: string; leading?: boolean }> };
  const text = ` ${MARKER_PREFIX} ${message.replace(/\*\//g, "* /")} `;
  if (node.comments?.some((c) => c.value.includes(MARKER_PREFIX))) return false;
  const comment = api.jscodeshift.commentBlock(text, true, false);
  node.comments = [...(node.comments ?? []), comment];
  return true;
}

/** The statement a `--mark` marker is attached to (exported so transforms that edit text place theirs alike). */
export function enclosingStatement(path: ASTPath): ASTPath | undefined {
  for (let p: ASTPath | null = path; p; p = p.parent) {
    const type = p.node.type;
    if (/Statement$|Declaration$/.test(type) && p.parent && Array.isArray(p.parent.node.body ?? p.parent.value)) return p;
    if (/Statement$|Declaration$/.test(type) && p.parent?.node.type === "Program") return p;
    if (/Statement$/.test(type)) return p;
  }
  return undefined;
}
