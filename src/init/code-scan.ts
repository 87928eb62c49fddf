/**
 * What `init` reads from the code itself: modules that export a shared client (from the project
 * index the transforms use), modules that export a `key(...)` helper, and the environment
 * variables read where clients are built. Files are filtered by text before anything is parsed.
 */
import { readFileSync, statSync } from "node:fs";
import type { Collection, JSCodeshift } from "jscodeshift";
import { jscodeshiftFor, parserForPath } from "../../transforms/lib/parser.js";
import { isTestFile } from "../../transforms/lib/paths.js";
import { buildProjectIndex, resolveModule } from "../../transforms/lib/redis/project.js";
import { displayPath, MAX_FILE_BYTES } from "../files.js";

export interface ClientModule {
  /** Posix path relative to the project root. */
  path: string;
  /** Named exports holding a client (not `default` / `module.exports`). */
  named: string[];
  hasDefault: boolean;
  /** `module.exports = client`: the module *is* the client, so it cannot gain a second export. */
  wholeModule: boolean;
  /** How many project files import it. */
  importers: number;
}

export interface KeyHelper {
  path: string;
  name: string;
  /** The parameter list as written, e.g. `...parts` or `entity, id`. */
  params: string;
  /** Takes any number of segments (a rest parameter), like the generated helper. */
  variadic: boolean;
}

export interface EnvRead {
  name: string;
  /** `file:line` of each read, in file order. */
  sites: string[];
}

const REDIS_IMPORT = /["'`](?:ioredis|redis|@redis\/client)(?:\/[^"'`]*)?["'`]/;
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']*|\.{1,2})["']/g;
const CLIENT_CONSTRUCTORS = new Set(["Redis", "IORedis", "Cluster"]);
const CLIENT_FACTORIES = new Set(["createClient", "createCluster"]);
/** Exported names that read as a general key builder (reported; only `key` is used as-is). */
const KEY_HELPER_NAME = /^(key|keyFor|(make|build|redis|cache|create|namespaced?|full|prefixed)Key)$/;
/** Text a file must contain to define such a function; most files that say `key` are not parsed. */
const KEY_HELPER_DEFINITION = /(?:function\s*\*?\s*|(?:const|let|var)\s+|exports\.)(?:key|keyFor|(?:make|build|redis|cache|create|namespaced?|full|prefixed)Key)\b/;
/** Text a module must contain to define or re-export a client (the project index's own filter is similar). */
const CLIENT_MODULE_TEXT = /redis|valkey|export\s*(?:\*|\{[^}]*\})\s*from\s/i;
const URL_VARIABLE = /UR[LI]|DSN|CONNECTION_STRING/i;
/**
 * Variables that name a deployment environment, most specific first: APP_ENV and friends tell
 * staging from production, while NODE_ENV is usually "production" on both.
 */
export const ENV_NAME_VARIABLES = ["APP_ENV", "DEPLOY_ENV", "DEPLOYMENT_ENV", "ENVIRONMENT", "STAGE", "ENV", "NODE_ENV"];
const ENV_READ = /process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\])/g;

/**
 * Modules that other files import and that export a Redis client instance, most-imported first.
 * The project index is lazy (a module is analysed when something imports it), so it is asked
 * through each file's relative imports, as the transforms ask it.
 */
export function findClientModules(root: string, files: string[]): ClientModule[] {
  const sources = files.filter((f) => !isTestFile(f, root));
  const index = buildProjectIndex(root, sources);
  // Only specifiers that can name a candidate module are resolved (each resolution costs file lookups).
  const stems = new Set(sources.filter((f) => CLIENT_MODULE_TEXT.test(readText(f) ?? "")).map(importStem));
  const importers = new Map<string, Set<string>>();
  for (const file of sources) {
    for (const specifier of relativeImports(file)) {
      if (!stems.has(specifier.split("/").pop()!.replace(/\.[cm]?[jt]sx?$/, ""))) continue;
      const target = resolveModule(file, specifier);
      if (!target || target === file || !index.exportsOf(file, specifier)) continue;
      importers.set(target, (importers.get(target) ?? new Set()).add(file));
    }
  }
  const modules: ClientModule[] = [];
  for (const [file, by] of importers) {
    const exports = index.modules[file] ?? {};
    const isClient = (name: string) => exports[name]?.kind === "client";
    const named = Object.keys(exports).filter((n) => n !== "default" && n !== "module.exports" && isClient(n));
    const wholeModule = isClient("module.exports");
    const hasDefault = !("module.exports" in exports) && isClient("default");
    if (named.length || wholeModule || hasDefault) modules.push({ path: displayPath(root, file), named: named.sort(), hasDefault, wholeModule, importers: by.size });
  }
  return modules.sort((a, b) => b.importers - a.importers || a.path.localeCompare(b.path));
}

/** The last specifier segment that reaches `file`: `redis` for `src/redis.ts` and for `src/redis/index.ts`. */
function importStem(file: string): string {
  const parts = file.split(/[\\/]/);
  const stem = parts.at(-1)!.replace(/\.[cm]?[jt]sx?$/, "");
  return stem === "index" ? parts.at(-2)! : stem;
}

/** The relative specifiers a file imports, requires or dynamically imports. */
function relativeImports(file: string): string[] {
  const text = readText(file);
  return text ? [...text.matchAll(IMPORT_SPECIFIER)].map((m) => m[1]) : [];
}

/** Exported functions named like a key builder (`key`, `makeKey`, ...), with their parameters. */
export function findKeyHelpers(root: string, files: string[]): KeyHelper[] {
  const helpers: KeyHelper[] = [];
  for (const file of files) {
    if (isTestFile(file, root)) continue;
    const text = readText(file);
    if (!text || !KEY_HELPER_DEFINITION.test(text) || !/\bexport\b|\bexports\b/.test(text)) continue;
    const parsed = parse(file, text);
    if (!parsed) continue;
    const functions = namedFunctions(parsed.j, parsed.root);
    for (const [name, local] of exportedNames(parsed.j, parsed.root)) {
      const fn = functions.get(local) ?? exportedFunctionExpression(parsed.j, parsed.root, name);
      if (fn && KEY_HELPER_NAME.test(name)) helpers.push({ path: displayPath(root, file), name, ...paramsOf(fn, text) });
    }
  }
  return helpers.sort((a, b) => Number(b.name === "key") - Number(a.name === "key") || a.path.localeCompare(b.path));
}

/** Named functions (declarations and `const f = (...) => ...`), by name. */
function namedFunctions(j: JSCodeshift, root: Collection): Map<string, any> {
  const out = new Map<string, any>();
  root.find(j.FunctionDeclaration).forEach((p: any) => {
    if (p.node.id) out.set(p.node.id.name, p.node);
  });
  root.find(j.VariableDeclarator).forEach((p: any) => {
    const init = p.node.init;
    if (p.node.id.type === "Identifier" && init && /^(ArrowFunctionExpression|FunctionExpression)$/.test(init.type)) out.set(p.node.id.name, init);
  });
  return out;
}

/**
 * Exported name → local name, ESM (`export function a`, `export { a as b }`) and CommonJS
 * (`exports.a = a`, `module.exports = { a }`).
 */
function exportedNames(j: JSCodeshift, root: Collection): Map<string, string> {
  const names = new Map<string, string>();
  root.find(j.ExportNamedDeclaration).forEach((p: any) => {
    const decl = p.node.declaration;
    if (decl?.id?.name) names.set(decl.id.name, decl.id.name);
    for (const d of decl?.declarations ?? []) if (d.id?.name) names.set(d.id.name, d.id.name);
    for (const s of p.node.specifiers ?? []) if (!p.node.source && s.local?.name) names.set(String(s.exported.name), String(s.local.name));
  });
  root.find(j.AssignmentExpression).forEach((p: any) => {
    const left = p.node.left;
    const right = p.node.right;
    if (left.type !== "MemberExpression" || left.computed) return;
    if (isModuleExports(left) && right.type === "ObjectExpression") {
      for (const prop of right.properties) if (prop.value?.type === "Identifier" && prop.key?.type === "Identifier") names.set(prop.key.name, prop.value.name);
    } else if ((left.object.type === "Identifier" && left.object.name === "exports") || isModuleExports(left.object)) {
      if (left.property.type === "Identifier") names.set(left.property.name, right.type === "Identifier" ? right.name : left.property.name);
    }
  });
  return names;
}

/** The function of `exports.key = (...parts) => ...` / `module.exports.key = function (...) {}`. */
function exportedFunctionExpression(j: JSCodeshift, root: Collection, name: string): any {
  let found: any;
  root.find(j.AssignmentExpression).forEach((p: any) => {
    const { left, right } = p.node;
    if (left.type === "MemberExpression" && !left.computed && left.property.name === name && /^(ArrowFunctionExpression|FunctionExpression)$/.test(right.type)) found ??= right;
  });
  return found;
}

function isModuleExports(node: any): boolean {
  return node?.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "module" && node.property.name === "exports";
}

function paramsOf(fn: any, text: string): { params: string; variadic: boolean } {
  const params = fn.params.map((p: any) => text.slice(p.start, p.end)).join(", ");
  return { params, variadic: fn.params.some((p: any) => p.type === "RestElement") };
}

/**
 * Environment variables read where a client is built: inside `new Redis(...)` / `createClient(...)`
 * arguments, in the initialiser of a variable passed there, or as a `url:` option — plus the
 * deployment-environment variable (APP_ENV, NODE_ENV, ...) read anywhere in the code.
 */
export function findEnvReads(root: string, files: string[]): { redisUrl: EnvRead[]; connection: EnvRead[]; envName?: EnvRead } {
  const clientReads = new Map<string, Set<string>>();
  const envNameReads = new Map<string, string[]>();
  for (const file of files) {
    const text = readText(file);
    if (!text || !text.includes("process.env")) continue;
    for (const { name, line } of envReadsIn(text)) {
      if (ENV_NAME_VARIABLES.includes(name)) push(envNameReads, name, `${displayPath(root, file)}:${line}`);
    }
    if (!REDIS_IMPORT.test(text)) continue;
    const parsed = parse(file, text);
    if (!parsed) continue;
    for (const { name, line } of clientEnvReads(parsed.j, parsed.root)) {
      const sites = clientReads.get(name) ?? new Set<string>();
      sites.add(`${displayPath(root, file)}:${line}`);
      clientReads.set(name, sites);
    }
  }
  const reads = [...clientReads].map(([name, sites]) => ({ name, sites: [...sites] })).sort(byReads);
  return {
    redisUrl: reads.filter((r) => URL_VARIABLE.test(r.name)),
    connection: reads.filter((r) => !URL_VARIABLE.test(r.name)),
    envName: pickEnvName(envNameReads),
  };
}

function byReads(a: EnvRead, b: EnvRead): number {
  return b.sites.length - a.sites.length || a.name.localeCompare(b.name);
}

/** The most specific deployment-environment variable the code reads (see ENV_NAME_VARIABLES). */
function pickEnvName(reads: Map<string, string[]>): EnvRead | undefined {
  const name = ENV_NAME_VARIABLES.find((n) => reads.has(n));
  return name ? { name, sites: reads.get(name)! } : undefined;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

function envReadsIn(text: string): Array<{ name: string; line: number }> {
  return [...text.matchAll(ENV_READ)].map((m) => ({ name: m[1] ?? m[2], line: lineAt(text, m.index ?? 0) }));
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** `process.env.X` reads that feed a client constructor, or sit in a `url:` option. */
function clientEnvReads(j: JSCodeshift, root: Collection): Array<{ name: string; line: number }> {
  const declarations = new Map<string, any[]>();
  root.find(j.VariableDeclarator).forEach((p) => {
    if (p.node.id.type === "Identifier" && p.node.init) declarations.set(p.node.id.name, [...(declarations.get(p.node.id.name) ?? []), p.node.init]);
  });
  const reads: Array<{ name: string; line: number }> = [];
  // `find` looks below a node only, so the argument itself (`new Redis(process.env.X)`) is checked too.
  const selfAndBelow = (node: any, type: any) => [...(type.check(node) ? [node] : []), ...j(node).find(type).nodes()];
  const visit = (node: any, followIdentifiers: boolean) => {
    for (const member of selfAndBelow(node, j.MemberExpression)) {
      const name = envNameOf(member);
      if (name) reads.push({ name, line: member.loc?.start.line ?? 0 });
    }
    if (!followIdentifiers) return;
    // One hop through `const REDIS_URL = process.env.REDIS_URL || "..."` and option objects built apart.
    for (const id of selfAndBelow(node, j.Identifier)) {
      for (const init of declarations.get(id.name) ?? []) visit(init, false);
    }
  };
  root.find(j.Node, (n: any) => isClientConstruction(n)).forEach((p: any) => {
    for (const arg of p.node.arguments) visit(arg, true);
  });
  root.find(j.Property, (n: any) => propertyName(n) === "url").forEach((p: any) => visit(p.node.value, true));
  root.find(j.ObjectProperty, (n: any) => propertyName(n) === "url").forEach((p: any) => visit(p.node.value, true));
  return reads;
}

/** `new Redis(...)`, `new IORedis(...)`, `new Redis.Cluster(...)`, `createClient(...)`, `redis.createClient(...)`. */
function isClientConstruction(node: any): boolean {
  const callee = node.callee;
  if (!callee) return false;
  const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && !callee.computed ? callee.property.name : undefined;
  if (node.type === "NewExpression") return CLIENT_CONSTRUCTORS.has(name);
  return node.type === "CallExpression" && CLIENT_FACTORIES.has(name);
}

function propertyName(node: any): string | undefined {
  return node.key?.type === "Identifier" ? node.key.name : typeof node.key?.value === "string" ? node.key.value : undefined;
}

/** `X` of `process.env.X` / `process.env["X"]`. */
function envNameOf(node: any): string | undefined {
  const object = node.object;
  if (object?.type !== "MemberExpression" || object.object.type !== "Identifier" || object.object.name !== "process") return undefined;
  if (object.property.type !== "Identifier" || object.property.name !== "env") return undefined;
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  return node.computed && typeof node.property.value === "string" ? node.property.value : undefined;
}

function parse(file: string, text: string): { j: JSCodeshift; root: Collection } | undefined {
  try {
    const j = jscodeshiftFor(parserForPath(file));
    return { j, root: j(text) };
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return statSync(file).size > MAX_FILE_BYTES ? undefined : readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
