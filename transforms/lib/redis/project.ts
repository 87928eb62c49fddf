/**
 * The project index: which modules of the project export a Redis client (or a function returning
 * one), under which names, so that `import { redis } from "../lib/redis"` in another file counts
 * as a proven client.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { jscodeshiftFor, parserForPath } from "../parser.js";
import { readTsconfig } from "../project-style.js";
import { type ClientInfo, analyzeClients } from "./clients.js";

export interface ExportedSymbol {
  kind: "client" | "factory" | "holder";
  client: ClientInfo;
  proof: string;
  props?: Record<string, ExportedSymbol>;
}

/** Plain data, so it can be handed to worker threads. */
export interface ProjectIndexData {
  root: string;
  /** Absolute module path → export name (`default`, `module.exports`, or a name) → symbol. */
  modules: Record<string, Record<string, ExportedSymbol>>;
}

export interface ProjectIndex extends ProjectIndexData {
  /** The client exports of the module `specifier` imported from `fromFile`, if it has any. */
  exportsOf(fromFile: string, specifier: string): Record<string, ExportedSymbol> | undefined;
  /**
   * Records clients a transform makes a module export (a generated module that may not exist on
   * disk yet), so later transforms of the same run see imports of it as clients.
   */
  declare(modulePath: string, exports: Record<string, ExportedSymbol>): void;
  /**
   * The project source file `specifier` (imported from `fromFile`) resolves to — relative, or
   * through tsconfig `paths`/`baseUrl` — when the index may analyse it: within `files` when
   * given, or a module declared this run. Undefined for packages and files that do not exist.
   */
  resolve(fromFile: string, specifier: string): string | undefined;
  /**
   * A per-module analysis other than client exports, cached with the index: `compute` runs once
   * per `kind` and module (namespace-keys asks which exported functions pass a parameter on as a
   * key). Asked again while it runs — an import cycle back to the module — it answers `pending`;
   * the answers of the modules in between are then recomputed when asked again, not cached.
   */
  analysisOf<T>(kind: string, modulePath: string, compute: () => T, pending: T): T;
}

export const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** Text that a module must contain to possibly define or re-export a client. */
const CANDIDATE_TEXT = /redis|valkey|export\s*(?:\*|\{[^}]*\})\s*from\s/i;
const MAX_FILE_BYTES = 1024 * 1024;

const cache = new Map<string, ProjectIndex>();

/** The project index of `root`, created on first use and cached for the process. */
export function loadProjectIndex(root: string): ProjectIndex {
  let index = cache.get(root);
  if (!index) {
    index = buildProjectIndex(root);
    cache.set(root, index);
  }
  return index;
}

/**
 * The project index of `root`. It is lazy: a module is read and analysed the first time a file
 * imports it, so a run over a large tree parses only modules that Redis code actually imports.
 * `files` restricts which modules may be analysed (fixtures use it to stay inside their folder).
 */
export function buildProjectIndex(root: string, files?: string[]): ProjectIndex {
  return projectIndexFrom({ root, modules: {} }, files);
}

/** Wraps index data (e.g. what a worker received) with its lazy lookup. */
export function projectIndexFrom(data: ProjectIndexData, files?: string[]): ProjectIndex {
  const allowed = files ? new Set(files) : undefined;
  const resolved = new Map<string, string | undefined>();
  const inProgress = new Set<string>();
  const declared = new Set<string>();
  const analyses = new Map<string, { done: boolean; value: unknown }>();
  /** Analyses under way (outermost first), and those that got a `pending` answer from one further out. */
  const running: string[] = [];
  const tainted = new Set<string>();
  const index: ProjectIndex = {
    root: data.root,
    modules: data.modules,
    exportsOf(fromFile, specifier) {
      const target = index.resolve(fromFile, specifier);
      return target ? nonEmpty(analyse(target)) : undefined;
    },
    resolve(fromFile, specifier) {
      const key = `${dirname(fromFile)}\0${specifier}`;
      if (!resolved.has(key)) resolved.set(key, resolveModule(fromFile, specifier, declared));
      const target = resolved.get(key);
      if (!target || (allowed && !allowed.has(target) && !declared.has(target))) return undefined;
      return target;
    },
    analysisOf<T>(kind: string, modulePath: string, compute: () => T, pending: T): T {
      const key = `${kind}\0${modulePath}`;
      const known = analyses.get(key);
      if (known?.done) return known.value as T;
      if (known) {
        // A cycle: what the modules in between compute now misses this one, so it is not kept.
        for (let i = running.indexOf(key) + 1; i < running.length; i++) tainted.add(running[i]);
        return pending;
      }
      const entry = { done: false, value: pending as unknown };
      analyses.set(key, entry);
      running.push(key);
      try {
        entry.value = compute();
        entry.done = true;
      } finally {
        running.pop();
        if (!entry.done || tainted.delete(key)) analyses.delete(key);
      }
      return entry.value as T;
    },
    declare(modulePath, exports) {
      declared.add(modulePath);
      data.modules[modulePath] = { ...analyse(modulePath), ...exports };
      resolved.clear();
    },
  };
  function analyse(target: string): Record<string, ExportedSymbol> {
    const known = data.modules[target];
    if (known) return known;
    // An import cycle: the module being analysed further up exports nothing yet.
    if (inProgress.has(target)) return {};
    inProgress.add(target);
    try {
      const parsed = isCandidate(target) ? parseQuietly(target) : undefined;
      data.modules[target] = parsed ? exportsOfFile(parsed, index) : {};
      return data.modules[target];
    } finally {
      inProgress.delete(target);
    }
  }
  return index;
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length ? value : undefined;
}

function isCandidate(file: string): boolean {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return false;
    return CANDIDATE_TEXT.test(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
}

export interface ParsedFile {
  file: string;
  j: JSCodeshift;
  root: Collection;
}

/**
 * A project module parsed for an analysis (`analysisOf`): undefined when it is too large to be
 * worth it or does not parse.
 */
export function parseModule(file: string): ParsedFile | undefined {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return undefined;
  } catch {
    return undefined;
  }
  return parseQuietly(file);
}

function parseQuietly(file: string): ParsedFile | undefined {
  try {
    const j = jscodeshiftFor(parserForPath(file));
    return { file, j, root: j(readFileSync(file, "utf8")) };
  } catch {
    return undefined;
  }
}

/**
 * Resolves a project specifier to a source file — relative (`./lib/redis`), or through the
 * nearest tsconfig/jsconfig `paths` and `baseUrl` (`@/lib/redis`) — trying the exact name,
 * `.js`→`.ts`, added extensions and `/index`.
 */
export function resolveModule(fromFile: string, specifier: string, declared?: ReadonlySet<string>): string | undefined {
  if (specifier.startsWith(".")) return resolveFrom(resolve(dirname(fromFile), specifier), declared);
  for (const base of aliasTargets(fromFile, specifier)) {
    const found = resolveFrom(base, declared);
    if (found) return found;
  }
  return undefined;
}

function resolveFrom(base: string, declared?: ReadonlySet<string>): string | undefined {
  const swapped = base.replace(/\.(m|c)?js$/, (_m, k: string | undefined) => `.${k ?? ""}ts`);
  const stems = [base, ...SOURCE_EXTENSIONS.map((e) => base + e), swapped, swapped.replace(/\.ts$/, ".tsx"), ...SOURCE_EXTENSIONS.map((e) => join(base, `index${e}`))];
  return stems.find((candidate) => SOURCE_EXTENSIONS.some((e) => candidate.endsWith(e)) && (declared?.has(candidate) || isFile(candidate)));
}

interface PathAliases {
  baseUrl?: string;
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
}

const aliasCache = new Map<string, PathAliases | undefined>();

/** Candidate file stems for a non-relative specifier under the nearest tsconfig's `paths`/`baseUrl`. */
function aliasTargets(fromFile: string, specifier: string): string[] {
  const aliases = aliasesFor(dirname(fromFile));
  if (!aliases) return [];
  const out: string[] = [];
  for (const alias of aliases.paths) {
    const matches = alias.wildcard ? specifier.startsWith(alias.prefix) && specifier.endsWith(alias.suffix) && specifier.length >= alias.prefix.length + alias.suffix.length : specifier === alias.prefix;
    if (!matches) continue;
    const star = alias.wildcard ? specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length) : "";
    for (const target of alias.targets) out.push(target.replace("*", star));
  }
  if (aliases.baseUrl && !out.length) out.push(join(aliases.baseUrl, specifier));
  return out;
}

/** The `paths`/`baseUrl` of the nearest tsconfig.json or jsconfig.json above `dir` (cached per folder). */
function aliasesFor(dir: string): PathAliases | undefined {
  if (aliasCache.has(dir)) return aliasCache.get(dir);
  let found: PathAliases | undefined;
  for (const name of ["tsconfig.json", "jsconfig.json"]) {
    const config = readTsconfig(join(dir, name));
    if (config) {
      found = aliasesOf(dir, (config.compilerOptions ?? {}) as { baseUrl?: string; paths?: Record<string, string[]> });
      break;
    }
  }
  if (!found && !existsSync(join(dir, "tsconfig.json")) && !existsSync(join(dir, "jsconfig.json")) && dirname(dir) !== dir && !existsSync(join(dir, "package.json"))) {
    found = aliasesFor(dirname(dir));
  }
  aliasCache.set(dir, found);
  return found;
}

function aliasesOf(dir: string, options: { baseUrl?: string; paths?: Record<string, string[]> }): PathAliases | undefined {
  const base = resolve(dir, options.baseUrl ?? ".");
  const paths = Object.entries(options.paths ?? {}).map(([pattern, targets]) => {
    const [prefix, suffix = ""] = pattern.split("*");
    return { prefix, suffix, wildcard: pattern.includes("*"), targets: targets.map((t) => resolve(base, t)) };
  });
  if (!paths.length && !options.baseUrl) return undefined;
  return { baseUrl: options.baseUrl ? base : undefined, paths };
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The client-valued exports of one parsed file, ESM and CommonJS. */
function exportsOfFile(p: ParsedFile, index: ProjectIndex): Record<string, ExportedSymbol> {
  const { j, root, file } = p;
  const model = analyzeClients(j, root, file, index);
  if (!model.touchesRedis && !hasReExport(j, root)) return {};
  const out: Record<string, ExportedSymbol> = {};
  const shown = relative(index.root, file).split(sep).join("/");
  const record = (name: string, path: ASTPath<any>) => {
    const symbol = exportedSymbolOf(j, model, path, shown);
    if (symbol) out[name] = symbol;
  };
  root.find(j.ExportNamedDeclaration).forEach((path) => exportNamed(path, index, file, record, out));
  root.find(j.ExportDefaultDeclaration).forEach((path) => record("default", path.get("declaration")));
  root.find(j.ExportAllDeclaration).forEach((path) => Object.assign(out, reExported(index, file, String(path.node.source.value), undefined)));
  root.find(j.AssignmentExpression).forEach((path) => exportCommonJs(path, record));
  return out;
}

function hasReExport(j: JSCodeshift, root: Collection): boolean {
  return root.find(j.ExportAllDeclaration).size() > 0 || root.find(j.ExportNamedDeclaration, { source: { type: "StringLiteral" } }).size() > 0;
}

function exportNamed(path: ASTPath<any>, index: ProjectIndex, file: string, record: (name: string, p: ASTPath<any>) => void, out: Record<string, ExportedSymbol>): void {
  const { declaration, specifiers, source } = path.node;
  if (source) {
    const names = Object.fromEntries((specifiers ?? []).map((s: any) => [s.local?.name ?? "default", s.exported.name]));
    Object.assign(out, reExported(index, file, source.value, names));
    return;
  }
  if (declaration?.type === "VariableDeclaration") {
    path.get("declaration", "declarations").each((d: ASTPath<any>) => {
      if (d.node.id.type === "Identifier") record(d.node.id.name, d.get("id"));
    });
  } else if (declaration?.id?.type === "Identifier") {
    record(declaration.id.name, path.get("declaration"));
  }
  path.get("specifiers").each((s: ASTPath<any>) => record(s.node.exported.name, s.get("local")));
}

function reExported(index: ProjectIndex, file: string, specifier: string, names: Record<string, string> | undefined): Record<string, ExportedSymbol> {
  const target = index.exportsOf(file, specifier);
  if (!target) return {};
  if (!names) return Object.fromEntries(Object.entries(target).filter(([n]) => n !== "default" && n !== "module.exports"));
  const out: Record<string, ExportedSymbol> = {};
  for (const [local, exportedName] of Object.entries(names)) {
    const symbol = target[local] ?? (local === "default" ? target["module.exports"] : undefined);
    if (symbol) out[exportedName] = symbol;
  }
  return out;
}

/** `module.exports = client`, `module.exports = { client }`, `exports.client = ...`, `module.exports.client = ...`. */
function exportCommonJs(path: ASTPath<any>, record: (name: string, p: ASTPath<any>) => void): void {
  const left = path.node.left;
  if (left.type !== "MemberExpression" || left.computed || left.property.type !== "Identifier") return;
  const isModuleExports = (n: any) => n.type === "MemberExpression" && n.object.type === "Identifier" && n.object.name === "module" && n.property.name === "exports";
  if (isModuleExports(left)) {
    record("module.exports", path.get("right"));
    record("default", path.get("right"));
    const right = path.node.right;
    if (right.type === "ObjectExpression") {
      path.get("right", "properties").each((prop: ASTPath<any>) => {
        const n = prop.node;
        if ((n.type === "ObjectProperty" || n.type === "Property") && n.key.type === "Identifier") record(n.key.name, prop.get("value"));
      });
    }
    return;
  }
  const owner = left.object;
  if ((owner.type === "Identifier" && owner.name === "exports") || isModuleExports(owner)) record(left.property.name, path.get("right"));
}

function exportedSymbolOf(j: JSCodeshift, model: ReturnType<typeof analyzeClients>, path: ASTPath<any>, file: string): ExportedSymbol | undefined {
  const node = path.node;
  if (!node) return undefined;
  const line = node.loc?.start.line ?? 0;
  const where = `${file}:${line}`;
  if (node.type === "FunctionDeclaration" || node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression") {
    return factoryOf(model, path, where);
  }
  if (node.type === "Identifier") {
    const declared = declarationOf(j, path);
    if (declared && /Function/.test(declared.node.type)) return factoryOf(model, declared, where);
  }
  if (node.type === "ObjectExpression") {
    const props: Record<string, ExportedSymbol> = {};
    path.get("properties").each((prop: ASTPath<any>) => {
      const n = prop.node;
      if ((n.type === "ObjectProperty" || n.type === "Property") && n.key.type === "Identifier") {
        const inner = exportedSymbolOf(j, model, prop.get("value"), file);
        if (inner) props[n.key.name] = inner;
      }
    });
    const first = Object.values(props)[0];
    return first ? { kind: "holder", client: first.client, proof: `object exported from ${where}`, props } : undefined;
  }
  const client = model.clientOf(path);
  return client ? { kind: "client", client, proof: `client exported from ${where} (${client.proof})` } : undefined;
}

function factoryOf(model: ReturnType<typeof analyzeClients>, fnPath: ASTPath<any>, where: string): ExportedSymbol | undefined {
  const client = model.clientReturnedBy(fnPath);
  return client ? { kind: "factory", client, proof: `function exported from ${where} returns a client (${client.proof})` } : undefined;
}

function declarationOf(j: JSCodeshift, path: ASTPath<any>): ASTPath<any> | undefined {
  const name = path.node.name;
  const scope = path.scope?.lookup(name);
  if (!scope) return undefined;
  let found: ASTPath<any> | undefined;
  j(scope.path)
    .find(j.FunctionDeclaration, { id: { name } })
    .forEach((p) => {
      found ??= p;
    });
  if (found) return found;
  j(scope.path)
    .find(j.VariableDeclarator, { id: { name } })
    .forEach((p) => {
      if (!found && p.node.init && /Function/.test(p.node.init.type)) found = p.get("init");
    });
  return found;
}
