/**
 * Key-passing wrappers across modules. A function a module exports that hands a parameter on, as
 * it is, to a key position of a proven client —
 *   export async function remember(cacheKey, load) { const hit = await redis.get(cacheKey); … }
 * — makes that argument a key wherever the function is called, in any file of the project:
 *   remember(`product:${id}`, load)  →  remember(key("product", id), load)
 * so the keys written through cache wrappers land in the same namespace as the SCAN/KEYS patterns
 * that look for them. The answer per module is cached by the project index (`analysisOf`); a
 * module's own calls of imported wrappers are key positions too, so wrappers of wrappers are
 * followed, and so are file-local helpers between the export and the command.
 *
 * A parameter also used otherwise (built into another key, parsed, stored as data) is "mixed":
 * namespacing what callers pass would change that use, so callers are reported, not rewritten.
 * Calls the transform cannot follow — a dynamic `import()`, a relative module that does not
 * resolve — are reported when they pass a key-like literal (`"product:" + id`).
 */
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import type { ASTNode, ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { analyzeClients, keyArgumentsOf, type ClientInfo, type RedisModel } from "../redis/clients.js";
import { batchEntries, batchKeyArguments } from "../redis/batches.js";
import { lookupCommand } from "../redis/commands.js";
import { parseModule, type ProjectIndex } from "../redis/project.js";
import { argumentsAt, bindingOf, callsOf, declarationOf, isReassigned, referencesOf, unwrapNode, unwrapPath } from "./bindings.js";
import { Origins } from "./origins.js";
import { patternSites } from "./patterns.js";
import type { Role } from "./rewriter.js";
import { shapeOf } from "./shape.js";

export interface KeyParameter {
  /** Position of the parameter. */
  index: number;
  role: Role;
  /** `file:line` of the key position it reaches (or, for a mixed parameter, of the other use). */
  at: string;
}

export interface KeyWrapper {
  /** Parameters passed on as keys (or MATCH patterns), and only as that. */
  params: KeyParameter[];
  /** Parameters passed on as keys but also used otherwise: their callers are reported. */
  mixed: KeyParameter[];
}

/** Export name (`remember`, `default`, `module.exports`) → what the function does with its parameters. */
export type KeyWrappers = Record<string, KeyWrapper>;

/** A key position of a file: a command's key, a MATCH pattern, a key of a batch array. */
export interface KeySite {
  path: ASTPath<any>;
  role: Role;
  client?: ClientInfo;
}

/** An argument at a key parameter of a wrapper from another module. */
export interface WrapperSite extends KeySite {
  /** `remember()` as called here. */
  callee: string;
}

export interface Unfollowed {
  path: ASTPath<any>;
  message: string;
}

const ANALYSIS = "namespace-keys:key-wrappers";
const MENTIONS_REDIS = /redis|valkey/i;
/** Specifiers of imports, requires and dynamic imports, as text (before parsing). */
const IMPORTED = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["'`]([^"'`\s]+)["'`]/g;
/** What a key written as text starts with: an entity name, then `:`. */
const KEY_LIKE_ENTITY = /^[A-Za-z_][\w.-]*$/;

// ---- key positions of a file ------------------------------------------------------------------

/** Every key position of proven clients in a file: command keys, MATCH patterns, batch-array keys. */
export function commandKeySites(j: JSCodeshift, root: Collection, model: RedisModel, origins: Origins): { sites: KeySite[]; unlocated: Unfollowed[] } {
  const sites: KeySite[] = [];
  const unlocated: Unfollowed[] = [];
  for (const call of model.commandCalls()) {
    for (const node of keyArgumentsOf(call).keys) {
      const path = pathIn(j, call.path, node);
      if (path) sites.push({ path, role: "key", client: call.client });
    }
  }
  for (const site of patternSites(j, root, model, origins)) {
    sites.push({ path: site.path, role: "pattern", client: site.command?.client ?? model.clientOf(site.call.get("callee", "object")) });
  }
  for (const entry of batchEntries(j, root, model)) {
    const keys = batchKeyArguments(entry);
    for (const node of keys.keys) {
      const path = pathIn(j, entry.element, node);
      if (path) sites.push({ path, role: "key", client: entry.client });
    }
    if (!keys.complete && !spreadsListedKeys(entry.element, origins)) unlocated.push({ path: entry.element, message: unlocatedMessage(entry.command, entry.element) });
  }
  return { sites, unlocated };
}

function unlocatedMessage(command: string, element: ASTPath<any>): string {
  const why = (element.node.elements as any[]).some((e) => e?.type === "SpreadElement")
    ? "a spread hides which arguments are keys"
    : lookupCommand(command)
      ? "its key count is not a constant"
      : `${command} is not in the command table`;
  return `keys of this ${command} batch entry could not all be located (${why}): not namespaced — check them by hand`;
}

/** `["del", ...keys]` with `keys` listed by SCAN: full names, nothing to locate. */
function spreadsListedKeys(element: ASTPath<any>, origins: Origins): boolean {
  const spreads = (element.node.elements as any[]).map((e, i) => (e?.type === "SpreadElement" ? element.get("elements", i, "argument") : undefined)).filter(Boolean);
  return spreads.length > 0 && spreads.every((s) => origins.originOf(s) === "scan");
}

/** The path of `node` inside `container` (an argument, an element, a property key). */
function pathIn(j: JSCodeshift, container: ASTPath<any>, node: ASTNode): ASTPath<any> | undefined {
  if (container.node === node) return container;
  const found = j(container).find(j.Node).filter((p) => p.node === node);
  return found.size() ? found.paths()[0] : undefined;
}

// ---- what a module's functions do with their parameters ----------------------------------------

/** The key-passing wrappers the module `specifier` (imported from `fromFile`) exports; undefined when it does not resolve. */
export function keyWrappersOf(index: ProjectIndex, fromFile: string, specifier: string): { module: string; wrappers: KeyWrappers } | undefined {
  const module = index.resolve(fromFile, specifier);
  return module ? { module, wrappers: moduleKeyWrappers(index, module) } : undefined;
}

/** The key-passing wrappers a project module exports, analysed once per index. */
export function moduleKeyWrappers(index: ProjectIndex, file: string): KeyWrappers {
  return index.analysisOf(ANALYSIS, file, () => analyseModule(index, file), {});
}

/** True when the text imports a project module exporting a key-passing wrapper (a text prefilter, before parsing). */
export function importsKeyWrappers(source: string, file: string, index: ProjectIndex | undefined): boolean {
  if (!index) return false;
  for (const match of source.matchAll(IMPORTED)) {
    const found = keyWrappersOf(index, file, match[1]);
    if (found && Object.keys(found.wrappers).length) return true;
  }
  return false;
}

function analyseModule(index: ProjectIndex, file: string): KeyWrappers {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  if (!MENTIONS_REDIS.test(text) && !importsRedisCode(text, file, index)) return {};
  const parsed = parseModule(file);
  if (!parsed) return {};
  const { j, root } = parsed;
  const model = analyzeClients(j, root, file, index);
  const origins = new Origins(j, root, model);
  const own = commandKeySites(j, root, model, origins).sites.filter((s) => !s.client?.keyPrefix);
  const imported = wrapperCalls(j, root, file, index).sites;
  const shown = relative(index.root, file).split(sep).join("/");
  const result: KeyWrappers = {};
  for (const [name, wrapper] of exportedWrappers(j, root, [...own, ...imported], shown)) result[name] = wrapper;
  return result;
}

/** A module without "redis" in its text can still wrap one through another project module. */
function importsRedisCode(text: string, file: string, index: ProjectIndex): boolean {
  for (const match of text.matchAll(IMPORTED)) {
    if (index.exportsOf(file, match[1])) return true;
    const found = keyWrappersOf(index, file, match[1]);
    if (found && Object.keys(found.wrappers).length) return true;
  }
  return false;
}

/**
 * The exported functions of a file whose parameters reach `sites`, directly or through other
 * functions of the file: export name → wrapper. `shown` is the file as findings name it.
 */
export function exportedWrappers(j: JSCodeshift, root: Collection, sites: KeySite[], shown: string): Map<string, KeyWrapper> {
  const reach = reachedParameters(j, root, sites, shown);
  const out = new Map<string, KeyWrapper>();
  for (const { name, fn } of exportedFunctions(j, root)) {
    const params = reach.get(fn.node);
    if (params) out.set(name, params);
  }
  return out;
}

interface Reached {
  fn: ASTPath<any>;
  index: number;
  role: Role;
  at: string;
  /** The declaring identifier of the parameter. */
  id: ASTPath<any>;
}

/** Function node → what its parameters reach, following parameters through calls of the file's own functions. */
function reachedParameters(j: JSCodeshift, root: Collection, sites: KeySite[], shown: string): Map<ASTNode, KeyWrapper> {
  const positions = new Map<ASTNode, Role>();
  const reached = new Map<string, Reached>();
  const work = sites.map((s) => ({ path: s.path, role: s.role, at: `${shown}:${lineOf(s.path)}` }));
  for (let site = work.pop(); site; site = work.pop()) {
    const p = unwrapPath(site.path);
    if (positions.has(p.node)) continue;
    positions.set(p.node, site.role);
    if (p.node.type !== "Identifier") continue;
    const binding = bindingOf(j, root, p);
    if (binding.kind !== "param" || binding.fn.node.params[binding.index]?.type === "RestElement") continue;
    const id = declarationOf(p);
    if (!id || isReassigned(j, root, binding.name, p.scope?.lookup(binding.name))) continue;
    const key = `${binding.fn.node.start}:${binding.index}`;
    if (!reached.has(key)) reached.set(key, { fn: binding.fn, index: binding.index, role: site.role, at: site.at, id });
    const calls = callsOf(j, root, binding.fn);
    for (const arg of argumentsAt(calls?.calls ?? [], binding.index)) if (arg) work.push({ path: arg, role: site.role, at: site.at });
  }
  const byFunction = new Map<ASTNode, KeyWrapper>();
  for (const r of reached.values()) {
    const wrapper = byFunction.get(r.fn.node) ?? { params: [], mixed: [] };
    byFunction.set(r.fn.node, wrapper);
    const other = referencesOf(j, root, r.id).find((ref) => positions.get(unwrapPath(ref).node) !== r.role && !isLogged(ref));
    if (other) wrapper.mixed.push({ index: r.index, role: r.role, at: `${shown}:${lineOf(other)}` });
    else wrapper.params.push({ index: r.index, role: r.role, at: r.at });
  }
  return byFunction;
}

/** `console.log("miss", cacheKey)`, `` console.debug(`miss ${cacheKey}`) ``: a use that namespacing does not break. */
function isLogged(ref: ASTPath<any>): boolean {
  let arg: ASTPath<any> = ref;
  while (arg.parent && (arg.parent.node.type === "TemplateLiteral" || (arg.parent.node.type === "BinaryExpression" && arg.parent.node.operator === "+"))) arg = arg.parent;
  const call = arg.parent?.node;
  return call?.type === "CallExpression" && call.arguments.includes(arg.node) && call.callee.type === "MemberExpression" && call.callee.object.type === "Identifier" && call.callee.object.name === "console";
}

/** The functions a file exports, ESM and CommonJS, by export name. */
function exportedFunctions(j: JSCodeshift, root: Collection): Array<{ name: string; fn: ASTPath<any> }> {
  const out: Array<{ name: string; fn: ASTPath<any> }> = [];
  const add = (name: string, fn: ASTPath<any> | undefined) => {
    if (fn) out.push({ name, fn });
  };
  const ofIdentifier = (id: ASTPath<any>): ASTPath<any> | undefined => {
    const binding = bindingOf(j, root, id);
    if (binding.kind === "function") return binding.fn;
    if (binding.kind === "variable" && binding.constant && !binding.destructured && binding.init && isFunction(unwrapNode(binding.init.node))) return unwrapPath(binding.init);
    return undefined;
  };
  const ofValue = (path: ASTPath<any>): ASTPath<any> | undefined => {
    const p = unwrapPath(path);
    if (isFunction(p.node)) return p;
    return p.node?.type === "Identifier" ? ofIdentifier(p) : undefined;
  };
  root.find(j.ExportNamedDeclaration).forEach((p) => {
    if (p.node.source) return;
    const d = p.node.declaration as any;
    if (d?.type === "FunctionDeclaration" && d.id) add(d.id.name, p.get("declaration"));
    if (d?.type === "VariableDeclaration") {
      p.get("declaration", "declarations").each((v: ASTPath<any>) => {
        if (v.node.id.type === "Identifier" && v.node.init && isFunction(unwrapNode(v.node.init))) add(v.node.id.name, unwrapPath(v.get("init")));
      });
    }
    p.get("specifiers").each((s: ASTPath<any>) => {
      if (s.node.local) add(s.node.exported.name, ofIdentifier(s.get("local")));
    });
  });
  root.find(j.ExportDefaultDeclaration).forEach((p) => add("default", ofValue(p.get("declaration"))));
  root.find(j.AssignmentExpression).forEach((p) => {
    const left = p.node.left as any;
    if (left.type !== "MemberExpression" || left.computed) return;
    if (isModuleExports(left)) {
      const whole = ofValue(p.get("right"));
      add("module.exports", whole);
      add("default", whole);
      if (p.node.right.type !== "ObjectExpression") return;
      p.get("right", "properties").each((prop: ASTPath<any>) => {
        const n = prop.node;
        const name = n.computed ? undefined : n.key?.type === "Identifier" ? n.key.name : typeof n.key?.value === "string" ? n.key.value : undefined;
        if (!name) return;
        if (n.type === "ObjectMethod") add(name, prop);
        else if (n.type === "ObjectProperty" || n.type === "Property") add(name, ofValue(prop.get("value")));
      });
      return;
    }
    const owner = left.object;
    if ((owner.type === "Identifier" && owner.name === "exports") || isModuleExports(owner)) add(left.property.name, ofValue(p.get("right")));
  });
  return out;
}

function isModuleExports(n: any): boolean {
  return n?.type === "MemberExpression" && !n.computed && n.object.type === "Identifier" && n.object.name === "module" && n.property.name === "exports";
}

function isFunction(n: any): boolean {
  return n?.type === "ArrowFunctionExpression" || n?.type === "FunctionExpression" || n?.type === "FunctionDeclaration";
}

// ---- calls of wrappers from other modules ------------------------------------------------------

interface ImportedName {
  specifier: string;
  /** The export, `*` for the whole module (namespace import, `const m = require(...)`). */
  name: string;
  dynamic: boolean;
}

/**
 * The arguments this file passes to key parameters of other modules' wrappers, and the calls
 * whose key-like literals cannot be followed (reported by the caller). `ignored` modules (the key
 * module itself) are not looked at.
 */
export function wrapperCalls(j: JSCodeshift, root: Collection, file: string, index: ProjectIndex, ignored: (specifier: string) => boolean = () => false): { sites: WrapperSite[]; unfollowed: Unfollowed[] } {
  const project = (specifier: string) => !ignored(specifier) && (specifier.startsWith(".") || Boolean(index.resolve(file, specifier)));
  const names = importedNames(j, root, project);
  const sites: WrapperSite[] = [];
  const unfollowed: Unfollowed[] = [];
  if (!names.size && !hasInlineLoad(j, root)) return { sites, unfollowed };
  root.find(j.CallExpression).forEach((call) => {
    const target = calleeImport(call, names, project);
    if (!target) return;
    const callee = `${target.shown}()`;
    const found = keyWrappersOf(index, file, target.specifier);
    if (!found) {
      for (const arg of keyLikeArguments(j, root, call)) {
        unfollowed.push({ path: arg, message: `key-like ${describe(j, arg)} passed to ${callee} of "${target.specifier}", which the transform cannot resolve: if ${callee} uses it as a Redis key, namespace it (key(...)) by hand` });
      }
      return;
    }
    const wrapper = found.wrappers[target.name] ?? (target.name === "default" ? found.wrappers["module.exports"] : target.name === "module.exports" ? found.wrappers.default : undefined);
    if (!wrapper) return;
    if (target.dynamic) {
      for (const p of [...wrapper.params, ...wrapper.mixed]) {
        const arg = argumentsAt([call], p.index)[0];
        if (arg && isKeyLike(j, root, arg)) unfollowed.push({ path: arg, message: `${describe(j, arg)} is passed to ${callee}, which uses it as a Redis ${p.role} (${p.at}), but "${target.specifier}" is imported dynamically, which the transform does not follow: not namespaced — namespace it by hand` });
      }
      return;
    }
    for (const p of wrapper.params) {
      const arg = argumentsAt([call], p.index)[0];
      if (arg) sites.push({ path: arg, role: p.role, callee });
    }
    for (const p of wrapper.mixed) {
      const arg = argumentsAt([call], p.index)[0];
      if (arg && isKeyLike(j, root, arg)) unfollowed.push({ path: arg, message: `${describe(j, arg)} is passed to ${callee}, which uses it as a Redis ${p.role} but also otherwise (${p.at}): not namespaced — namespacing it would change that use; check it by hand` });
    }
  });
  return { sites, unfollowed };
}

/**
 * The file's own exported key-passing functions (function node → parameters), and the arguments
 * the file itself passes to them (their callers in other files are handled in those files).
 */
export function ownWrappers(j: JSCodeshift, root: Collection, sites: KeySite[], shown: string): { byFunction: Map<ASTNode, KeyWrapper>; callerSites: KeySite[] } {
  const reach = reachedParameters(j, root, sites, shown);
  const byFunction = new Map<ASTNode, KeyWrapper>();
  const callerSites: KeySite[] = [];
  for (const { fn } of exportedFunctions(j, root)) {
    const wrapper = reach.get(fn.node);
    if (!wrapper || byFunction.has(fn.node)) continue;
    byFunction.set(fn.node, wrapper);
    const calls = callsOf(j, root, fn);
    for (const p of wrapper.params) {
      for (const arg of argumentsAt(calls?.calls ?? [], p.index)) if (arg) callerSites.push({ path: arg, role: p.role });
    }
  }
  return { byFunction, callerSites };
}

/** Local names bound to imports of project modules (`isProject`): declaring identifier → what it names. */
function importedNames(j: JSCodeshift, root: Collection, isProject: (specifier: string) => boolean): Map<ASTNode, ImportedName> {
  const names = new Map<ASTNode, ImportedName>();
  root.find(j.ImportDeclaration).forEach((p) => {
    const specifier = String(p.node.source.value);
    if (!isProject(specifier) || (p.node as any).importKind === "type") return;
    for (const s of p.node.specifiers ?? []) {
      const name = s.type === "ImportSpecifier" ? String(s.imported.name) : s.type === "ImportDefaultSpecifier" ? "default" : "*";
      if (s.local) names.set(s.local, { specifier, name, dynamic: false });
    }
  });
  root.find(j.VariableDeclarator).forEach((p) => {
    const load = moduleLoad(p.node.init);
    if (!load || !isProject(load.specifier)) return;
    const id = p.node.id as any;
    if (id.type === "Identifier") names.set(id, { ...load, name: load.name ?? "*" });
    if (id.type === "ObjectPattern" && !load.name) {
      for (const prop of id.properties) {
        const key = prop.key?.type === "Identifier" ? prop.key.name : typeof prop.key?.value === "string" ? prop.key.value : undefined;
        if (key && !prop.computed && prop.value?.type === "Identifier") names.set(prop.value, { ...load, name: key });
      }
    }
  });
  return names;
}

/** `require("./m")`, `await import("./m")`, `require("./m").name`: the module (and export) loaded. */
function moduleLoad(init: any): { specifier: string; name?: string; dynamic: boolean } | undefined {
  let n = unwrapNode(init);
  let name: string | undefined;
  if (n?.type === "MemberExpression" && !n.computed && n.property.type === "Identifier") {
    name = n.property.name;
    n = unwrapNode(n.object);
  }
  if (n?.type === "AwaitExpression") n = unwrapNode(n.argument);
  if (n?.type !== "CallExpression" && n?.type !== "ImportExpression") return undefined;
  const dynamic = n.type === "ImportExpression" || n.callee?.type === "Import";
  const isRequire = n.callee?.type === "Identifier" && n.callee.name === "require";
  if (!dynamic && !isRequire) return undefined;
  const arg = n.type === "ImportExpression" ? n.source : n.arguments[0];
  const specifier = typeof arg?.value === "string" ? arg.value : arg?.type === "TemplateLiteral" && !arg.expressions.length ? arg.quasis[0].value.cooked : undefined;
  return specifier ? { specifier, name, dynamic } : undefined;
}

function hasInlineLoad(j: JSCodeshift, root: Collection): boolean {
  return root.find(j.CallExpression, { callee: { type: "Identifier", name: "require" } }).size() > 0 || root.find(j.CallExpression, { callee: { type: "Import" } }).size() > 0;
}

/** The import a call's callee denotes: `remember(…)`, `cache.remember(…)`, `require("./cache").remember(…)`, `(await import("./cache.js")).remember(…)`. */
function calleeImport(call: ASTPath<any>, names: Map<ASTNode, ImportedName>, isProject: (specifier: string) => boolean): (ImportedName & { shown: string }) | undefined {
  const callee = unwrapNode(call.node.callee);
  if (callee.type === "Identifier") {
    const declared = declarationOf(unwrapPath(call.get("callee")))?.node;
    const found = declared ? names.get(declared) : undefined;
    if (!found) return undefined;
    return { ...found, name: found.name === "*" ? "module.exports" : found.name, shown: callee.name };
  }
  if ((callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") || callee.computed || callee.property.type !== "Identifier") return undefined;
  const object = unwrapNode(callee.object);
  const method = callee.property.name;
  if (object.type === "Identifier") {
    const objectPath = unwrapPath(call.get("callee", "object"));
    const declared = declarationOf(objectPath)?.node;
    const found = declared ? names.get(declared) : undefined;
    if (!found || (found.name !== "*" && found.name !== "default")) return undefined;
    return { ...found, name: method, shown: `${object.name}.${method}` };
  }
  const load = moduleLoad(object);
  return load && !load.name && isProject(load.specifier) ? { ...load, name: method, shown: `${load.dynamic ? "import" : "require"}(…).${method}` } : undefined;
}

/** Arguments written as a key would be: `"product:" + id`, `` `cart:${id}` ``, `"config:flags"`. */
function keyLikeArguments(j: JSCodeshift, root: Collection, call: ASTPath<any>): ASTPath<any>[] {
  const out: ASTPath<any>[] = [];
  call.get("arguments").each((arg: ASTPath<any>) => {
    if (isKeyLike(j, root, arg)) out.push(arg);
  });
  return out;
}

function isKeyLike(j: JSCodeshift, root: Collection, arg: ASTPath<any>): boolean {
  if (arg.node.type === "SpreadElement") return false;
  const shape = shapeOf({ j, root }, arg);
  if (!shape || shape.segments.length < 2) return false;
  const first = shape.segments[0];
  return first.length > 0 && first.every((p) => "text" in p) && KEY_LIKE_ENTITY.test(first.map((p) => (p as { text: string }).text).join(""));
}

/** The argument as written, quoted for a message: `'post:' + id`, or a template literal as it is. */
function describe(j: JSCodeshift, path: ASTPath<any>): string {
  const text = j(path).toSource().replace(/\s+/g, " ");
  return text.startsWith("`") ? text : `\`${text}\``;
}

function lineOf(path: ASTPath<any> | undefined): number {
  return (path?.node as any)?.loc?.start.line ?? 0;
}
