/**
 * A client's constructor configuration, lifted out of the function that built it: the arguments
 * with module-level constants inlined (so the shared module can hold them), the canonical text
 * that identifies the configuration, the production options, and names for the export.
 */
import { basename, dirname, extname } from "node:path";
import type { ASTPath, JSCodeshift } from "jscodeshift";
import { type Declaration, dottedName, literalString, resolveName } from "./ast.js";

export type Library = "ioredis" | "node-redis";

/** Which constructor builds the client. */
export type Factory = "Redis" | "Cluster" | "createClient" | "createCluster";

export interface ClientConfig {
  /** Canonical constructor text: equal configurations share one export. */
  key: string;
  /** Argument texts for the shared module, production options merged. */
  args: string[];
  /** Export names in order of preference. */
  names: string[];
  /** Literal Redis URLs or passwords found in the arguments (moved as-is, reported). */
  secrets: string[];
}

export type ConfigResult = { ok: true; config: ClientConfig } | { ok: false; reason: string };

const SKIPPED_FIELDS = new Set(["loc", "start", "end", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "original", "tokens", "range", "typeAnnotation", "returnType", "typeParameters", "typeArguments", "predicate"]);
const TYPE_WRAPPERS = /^(TSNonNullExpression|TSAsExpression|TSSatisfiesExpression|TSTypeAssertion|ParenthesizedExpression|TypeCastExpression)$/;
const MAX_INLINE_DEPTH = 5;
/** Width one lifted argument may take on a line before its entries go one per line. */
const MAX_LINE = 60;
const PRODUCTION_IOREDIS = [["maxRetriesPerRequest", 3], ["enableOfflineQueue", false]] as const;
const URL_LITERAL = /^rediss?:\/\//i;
const CREDENTIALS = /\/\/[^/@]*:[^/@]+@/;
/** Words that say nothing about which Redis a name points at. */
const GENERIC_WORDS = new Set(["redis", "ioredis", "client", "cli", "conn", "connection", "url", "uri", "host", "hostname", "port", "dsn", "addr", "address", "endpoint", "server", "string", "instance", "db", "index", "r", "c", "rc"]);

class Unmovable extends Error {}

/** The configuration of the construction at `path`, or why it cannot leave the function. */
export function clientConfig(j: JSCodeshift, path: ASTPath<any>, library: Library, factory: Factory, local: string | undefined, file: string): ConfigResult {
  let args: any[];
  try {
    args = path.get("arguments").map((a: ASTPath<any>) => materialize(a, path.node, 0));
  } catch (error) {
    if (error instanceof Unmovable) return { ok: false, reason: error.message };
    throw error;
  }
  const key = `${factory === "Redis" || factory === "Cluster" ? "new " : ""}${factory}(${args.map((a) => printCompact(j, a, "", Infinity)).join(", ")})`;
  const merged = library === "ioredis" ? withProductionOptions(j, args, factory === "Cluster") : args;
  const names = unique([nameFromEnv(args), nameFromWords(local), "redis", nameFromWords(fileStem(file))].filter((n): n is string => Boolean(n)));
  return { ok: true, config: { key, args: merged.map((a) => printCompact(j, a, "", MAX_LINE)), names, secrets: secretsIn(args) } };
}

/**
 * Prints a lifted argument the way a person would write the module: objects and arrays on one
 * line while they fit, else one entry per line with a trailing comma; anything else as recast prints it.
 */
export function printCompact(j: JSCodeshift, node: any, indent: string, width: number): string {
  const inner = indent + "  ";
  const list = (open: string, close: string, items: string[]) => {
    const flat = `${open}${open === "{" && items.length ? " " : ""}${items.join(", ")}${open === "{" && items.length ? " " : ""}${close}`;
    if (!items.length || (indent.length + flat.length <= width && !flat.includes("\n"))) return flat;
    return `${open}\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}${close}`;
  };
  if (node.type === "ObjectExpression") return list("{", "}", node.properties.map((p: any) => printProperty(j, p, inner, width)));
  if (node.type === "ArrayExpression") return list("[", "]", node.elements.map((e: any) => (e ? printCompact(j, e, inner, width) : "")));
  const text = j(node).toSource({ quote: "double", tabWidth: 2 });
  return width === Infinity ? text.replace(/\s*\n\s*/g, " ") : text.replace(/\n/g, `\n${indent}`);
}

function printProperty(j: JSCodeshift, prop: any, indent: string, width: number): string {
  if (prop.type === "SpreadElement") return `...${printCompact(j, prop.argument, indent, width)}`;
  if ((prop.type === "ObjectProperty" || prop.type === "Property") && !prop.computed && prop.value) {
    const key = prop.key.type === "Identifier" ? prop.key.name : printCompact(j, prop.key, indent, width);
    if (prop.shorthand && prop.value.type === "Identifier" && prop.value.name === key) return key;
    return `${key}: ${printCompact(j, prop.value, indent, width)}`;
  }
  const text = j(prop).toSource({ quote: "double", tabWidth: 2 });
  return width === Infinity ? text.replace(/\s*\n\s*/g, " ") : text.replace(/\n/g, `\n${indent}`);
}

/**
 * A deep copy of the expression at `path` without positions or types, with constants of the
 * file inlined. Throws Unmovable when it reads request data, locals or imports.
 * Before: `new Redis(REDIS_URL)` with `const REDIS_URL = process.env.REDIS_URL || "redis://localhost"`
 * After:  `new Redis(process.env.REDIS_URL || "redis://localhost")`
 */
function materialize(path: ASTPath<any>, boundary: any, depth: number): any {
  const node = path.node;
  if (TYPE_WRAPPERS.test(node.type)) return materialize(path.get("expression"), boundary, depth);
  if (node.type === "ThisExpression") throw new Unmovable("client options read `this`");
  if (node.type === "Identifier" && isValuePosition(path)) return inlined(path, boundary, depth);
  const copy: any = {};
  for (const field of Object.keys(node)) {
    if (SKIPPED_FIELDS.has(field)) continue;
    const value = node[field];
    if (Array.isArray(value)) copy[field] = value.map((item, i) => (isNode(item) ? materialize(path.get(field, i), boundary, depth) : item));
    else copy[field] = isNode(value) ? materialize(path.get(field), boundary, depth) : value;
  }
  if ((copy.type === "ObjectProperty" || copy.type === "Property") && copy.shorthand && copy.value?.name !== copy.key?.name) copy.shorthand = false;
  return copy;
}

function inlined(path: ASTPath<any>, boundary: any, depth: number): any {
  const name = path.node.name as string;
  const declaration = resolveName(path, name, boundary);
  if (!declaration || declaration.internal) return { type: "Identifier", name };
  const init = constantInit(declaration);
  if (init && depth < MAX_INLINE_DEPTH) return materialize(init, init.node, depth + 1);
  throw new Unmovable(unmovableReason(name, declaration));
}

/** The initializer of a `const` whose value the shared module can evaluate itself. */
function constantInit(declaration: Declaration): ASTPath<any> | undefined {
  const d = declaration.declarator;
  if (declaration.kind !== "const" || d?.node.type !== "VariableDeclarator" || d.node.id.type !== "Identifier" || !d.node.init) return undefined;
  const init = d.node.init;
  const isRequire = init.type === "CallExpression" && init.callee.type === "Identifier" && init.callee.name === "require";
  return isRequire || init.type === "AwaitExpression" ? undefined : d.get("init");
}

function unmovableReason(name: string, declaration: Declaration): string {
  if (declaration.kind === "param") return `client options depend on request data (\`${name}\`)`;
  if (declaration.kind === "import" || declaration.declarator?.node.init?.callee?.name === "require") return `client options use \`${name}\`, imported by this file`;
  if (declaration.moduleLevel) return `client options use \`${name}\`, which is not a constant of this file`;
  return `client options depend on \`${name}\`, computed per call`;
}

/** Identifiers that read a variable (not `a.b`'s `b`, not `{ b: 1 }`'s `b`). */
function isValuePosition(path: ASTPath<any>): boolean {
  const parent = path.parent?.node;
  if (!parent) return true;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === path.node) return parent.computed;
  if ((parent.type === "ObjectProperty" || parent.type === "Property" || parent.type === "ObjectMethod") && parent.key === path.node) return parent.computed;
  if (/Function|Method/.test(parent.type) && (parent.params?.includes(path.node) || parent.id === path.node)) return false;
  if (parent.type === "VariableDeclarator" && parent.id === path.node) return false;
  return true;
}

function isNode(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/**
 * ioredis production options, merged so that settings written by the author win.
 * Before: `new Redis(url)`  After: `new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: false })`
 */
function withProductionOptions(j: JSCodeshift, args: any[], cluster: boolean): any[] {
  const last = args[args.length - 1];
  const wanted = cluster ? [["enableOfflineQueue", false] as const] : PRODUCTION_IOREDIS;
  const optionsIndex = cluster ? 1 : last?.type === "ObjectExpression" ? args.length - 1 : -1;
  if (cluster && !args[0]) return args;
  const out = [...args];
  if (cluster && !out[1]) out[1] = j.objectExpression([]);
  if (optionsIndex === -1) {
    if (last && !isScalar(last)) return args;
    return [...args, mergeInto(j, j.objectExpression([]), wanted)];
  }
  if (out[optionsIndex].type !== "ObjectExpression") return args;
  out[optionsIndex] = mergeInto(j, out[optionsIndex], wanted);
  if (cluster) out[optionsIndex] = mergeRedisOptions(j, out[optionsIndex]);
  return out;
}

/** Adds the missing options; after a spread they go first, so the spread's values still win. */
function mergeInto(j: JSCodeshift, object: any, wanted: ReadonlyArray<readonly [string, number | boolean]>): any {
  const props = object.properties.filter((p: any) => !(propertyKey(p) === "lazyConnect" && p.value?.value === true));
  const missing = wanted.filter(([k]) => !props.some((p: any) => propertyKey(p) === k)).map(([k, v]) => j.objectProperty(j.identifier(k), typeof v === "number" ? j.numericLiteral(v) : j.booleanLiteral(v)));
  const spread = props.some((p: any) => p.type === "SpreadElement");
  return { ...object, properties: spread ? [...missing, ...props] : [...props, ...missing] };
}

function mergeRedisOptions(j: JSCodeshift, clusterOptions: any): any {
  const existing = clusterOptions.properties.find((p: any) => propertyKey(p) === "redisOptions");
  if (existing && existing.value.type !== "ObjectExpression") return clusterOptions;
  const inner = mergeInto(j, existing?.value ?? j.objectExpression([]), [PRODUCTION_IOREDIS[0]]);
  const prop = j.objectProperty(j.identifier("redisOptions"), inner);
  const others = clusterOptions.properties.filter((p: any) => p !== existing);
  return { ...clusterOptions, properties: [...others, prop] };
}

function propertyKey(prop: any): string | undefined {
  if (prop.type !== "ObjectProperty" && prop.type !== "Property" && prop.type !== "ObjectMethod") return undefined;
  return prop.key.type === "Identifier" ? prop.key.name : literalString(prop.key);
}

/** Arguments that are certainly a URL, path, port or host — never an options object. */
function isScalar(node: any): boolean {
  if (/Literal$/.test(node.type) && node.type !== "ObjectLiteral") return true;
  if (node.type === "MemberExpression") return /^process\.env\./.test(dottedName(node) ?? "") || isEnvLookup(node);
  if (node.type === "LogicalExpression") return isScalar(node.left) && isScalar(node.right);
  if (node.type === "CallExpression") return ["Number", "String", "parseInt"].includes(node.callee.name);
  return false;
}

function isEnvLookup(node: any): boolean {
  return node.type === "MemberExpression" && node.computed && dottedName(node.object) === "process.env";
}

/** Literal URLs used as the connection (fallback defaults only when they carry credentials) and literal passwords. */
function secretsIn(args: any[]): string[] {
  const found: string[] = [];
  const visit = (node: any, fallback: boolean) => {
    if (!isNode(node)) return;
    const text = literalString(node);
    if (text !== undefined && URL_LITERAL.test(text) && (!fallback || CREDENTIALS.test(text))) found.push(`literal URL "${text.replace(/\/\/[^/@]*@/, "//***@")}"`);
    if ((node.type === "ObjectProperty" || node.type === "Property") && /^pass(word)?$/i.test(propertyKey(node) ?? "") && literalString(node.value) !== undefined) found.push("literal password");
    for (const [field, value] of Object.entries(node)) {
      const isFallback = node.type === "LogicalExpression" && field === "right";
      if (Array.isArray(value)) value.forEach((v) => visit(v, fallback));
      else visit(value, fallback || isFallback);
    }
  };
  args.forEach((a) => visit(a, false));
  return unique(found);
}

/** `process.env.CACHE_REDIS_URL` → `redisCache`; `process.env.REDIS_URL` → `redis`. */
function nameFromEnv(args: any[]): string | undefined {
  let env: string | undefined;
  const visit = (node: any) => {
    if (env || !isNode(node)) return;
    const dotted = node.type === "MemberExpression" ? dottedName(node) : undefined;
    if (dotted?.startsWith("process.env.")) env = dotted.slice("process.env.".length);
    else if (isEnvLookup(node)) env = literalString(node.property);
    else for (const value of Object.values(node)) [value].flat().forEach(visit);
  };
  args.forEach(visit);
  return env ? nameFromWords(env) ?? "redis" : undefined;
}

/** `redis` followed by the meaningful words of an identifier: `sessionClient` → `redisSession`. */
export function nameFromWords(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const words = text
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w && !GENERIC_WORDS.has(w) && !/^\d/.test(w));
  if (!words.length) return undefined;
  return `redis${words.map((w) => w[0].toUpperCase() + w.slice(1)).join("")}`;
}

function fileStem(file: string): string {
  const stem = basename(file, extname(file));
  return stem === "index" || stem === "route" || stem === "handler" ? basename(dirname(file)) : stem;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
