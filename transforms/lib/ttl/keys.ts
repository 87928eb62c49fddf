/**
 * What a key expression can be, statically: its literal text and dynamic parts, resolved through
 * constants, key-builder functions of the file and the generated `key(...)` helper; and how such a
 * shape meets the config's globs (`persistentKeys`, `ttlByPattern`).
 */
import type { ASTNode, ASTPath } from "jscodeshift";
import type { SourcePositions } from "./text-edits.js";

/** A run of literal key text, or a part only known at run time (normalised source text). */
export type KeyPart = { text: string } | { dynamic: string };

export interface KeyShape {
  parts: KeyPart[];
  /** Identifier names used in or around the key (for "named like a lock"). */
  names: string[];
}

const MAX_DEPTH = 8;
/** The generated key helper of namespace-keys joins its parts with ":". */
const KEY_HELPER = "key";
const KEY_SEPARATOR = ":";
const TYPE_WRAPPERS = new Set(["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "TypeCastExpression", "ParenthesizedExpression"]);

/** Resolves key expressions of one file; `source` gives dynamic parts their written text. */
export class KeyResolver {
  constructor(private readonly source: SourcePositions) {}

  /**
   * The shape of the key at `path`.
   * Before: `PREFIX + "featured"` with `const PREFIX = "catalog:"`  After: `[{ text: "catalog:featured" }]`
   */
  shape(path: ASTPath<any>): KeyShape {
    const names: string[] = [];
    const parts = this.partsOf(path, new Map(), 0, names);
    return { parts: mergeText(parts), names };
  }

  private partsOf(path: ASTPath<any>, env: Map<string, KeyPart[]>, depth: number, names: string[]): KeyPart[] {
    const node = path.node;
    collectNames(node, names);
    if (depth > MAX_DEPTH) return [this.dynamic(node)];
    if (TYPE_WRAPPERS.has(node.type)) return this.partsOf(path.get("expression"), env, depth, names);
    const literal = literalText(node);
    if (literal !== undefined) return [{ text: literal }];
    if (node.type === "TemplateLiteral") {
      return node.quasis.flatMap((q: any, i: number) => [
        { text: q.value.cooked ?? q.value.raw },
        ...(i < node.expressions.length ? this.partsOf(path.get("expressions", i), env, depth, names) : []),
      ]);
    }
    if (node.type === "BinaryExpression" && node.operator === "+") {
      const left = this.partsOf(path.get("left"), env, depth, names);
      const right = this.partsOf(path.get("right"), env, depth, names);
      if ([...left, ...right].some((p) => "text" in p)) return [...left, ...right];
    }
    if (node.type === "Identifier") {
      const bound = env.get(node.name);
      if (bound) return bound;
      const init = constantInit(path);
      if (init) return this.partsOf(init, new Map(), depth + 1, names);
    }
    if (node.type === "CallExpression") {
      const built = this.builtKey(path, env, depth, names);
      if (built) return built;
    }
    return [this.dynamic(node)];
  }

  /** `userKey(id)` of a one-expression builder in the file, or the generated `key("user", id)`. */
  private builtKey(path: ASTPath<any>, env: Map<string, KeyPart[]>, depth: number, names: string[]): KeyPart[] | undefined {
    const { callee, arguments: args } = path.node;
    if (callee.type !== "Identifier" || args.some((a: any) => a.type === "SpreadElement")) return undefined;
    const argParts = args.map((_: unknown, i: number) => this.partsOf(path.get("arguments", i), env, depth + 1, names));
    if (isKeyHelper(path.get("callee"))) {
      return argParts.flatMap((p: KeyPart[], i: number) => (i === 0 ? p : [{ text: KEY_SEPARATOR }, ...p]));
    }
    const builder = builderOf(path.get("callee"));
    if (!builder) return undefined;
    const inner = new Map<string, KeyPart[]>();
    builder.params.forEach((name, i) => inner.set(name, argParts[i] ?? [{ dynamic: "undefined" }]));
    return this.partsOf(builder.body, inner, depth + 1, names);
  }

  private dynamic(node: ASTNode): KeyPart {
    const text = this.source.slice(node as never) || node.type;
    return { dynamic: text.replace(/\s+/g, "").replace(/'/g, '"') };
  }
}

/** A stable text for "the same key": literal text with dynamic parts as `${source}`. */
export function keySignature(shape: KeyShape): string {
  return shape.parts.map((p) => ("text" in p ? p.text : `\${${p.dynamic}}`)).join("");
}

/** The key as a Redis-style pattern (dynamic parts as `*`), for messages. */
export function keyPattern(shape: KeyShape): string {
  return shape.parts.map((p) => ("text" in p ? p.text : "*")).join("");
}

/** The literal text the key starts with (empty when it starts with a dynamic part). */
export function staticPrefix(shape: KeyShape): string {
  const first = shape.parts[0];
  return first && "text" in first ? first.text : "";
}

// ---- constants and builders ----------------------------------------------------------------------

/** The initialiser of a `const` (or never-reassigned `let`/`var`) the identifier refers to. */
export function constantInit(path: ASTPath<any>): ASTPath<any> | undefined {
  const binding = bindingOf(path);
  const declarator = binding?.parent;
  if (declarator?.node.type !== "VariableDeclarator" || declarator.node.id !== binding!.node || !declarator.node.init) return undefined;
  const kind = declarator.parent?.node.kind;
  if (kind !== "const" && isReassigned(binding!, path.node.name)) return undefined;
  return declarator.get("init");
}

/** Sees through type-only wrappers: `{ NX: true } as const`, `x!`. */
export function unwrapPath(path: ASTPath<any>): ASTPath<any> {
  let p = path;
  while (p.node && TYPE_WRAPPERS.has(p.node.type)) p = p.get("expression");
  return p;
}

/** The static string (or number) an expression denotes, through constants of the file. */
export function constantString(path: ASTPath<any> | undefined, depth = 0): string | undefined {
  if (!path?.node || depth > MAX_DEPTH) return undefined;
  const node = path.node;
  if (TYPE_WRAPPERS.has(node.type)) return constantString(path.get("expression"), depth + 1);
  const literal = literalText(node);
  if (literal !== undefined) return literal;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  if (node.type === "Identifier") return constantString(constantInit(path), depth + 1);
  return undefined;
}

/** The value of a numeric constant expression (`60 * 60 * 24`, `TTL`), through constants of the file. */
export function constantNumber(path: ASTPath<any> | undefined, depth = 0): number | undefined {
  if (!path?.node || depth > MAX_DEPTH) return undefined;
  const node = path.node;
  if (TYPE_WRAPPERS.has(node.type)) return constantNumber(path.get("expression"), depth + 1);
  if (node.type === "NumericLiteral" || (node.type === "Literal" && typeof node.value === "number")) return node.value;
  if (node.type === "Identifier") return constantNumber(constantInit(path), depth + 1);
  if (node.type === "BinaryExpression" && ["*", "+", "-", "/"].includes(node.operator)) {
    const a = constantNumber(path.get("left"), depth + 1);
    const b = constantNumber(path.get("right"), depth + 1);
    if (a === undefined || b === undefined) return undefined;
    return node.operator === "*" ? a * b : node.operator === "+" ? a + b : node.operator === "-" ? a - b : a / b;
  }
  return undefined;
}

function bindingOf(path: ASTPath<any>): ASTPath<any> | undefined {
  const name = path.node.name;
  const bindings = path.scope?.lookup(name)?.getBindings()[name];
  return bindings?.length === 1 ? bindings[0] : undefined;
}

function isReassigned(binding: ASTPath<any>, name: string): boolean {
  const scopeNode = binding.scope?.node;
  let assigned = false;
  visit(scopeNode, (n) => {
    if (n.type === "AssignmentExpression" && n.left.type === "Identifier" && n.left.name === name) assigned = true;
    if (n.type === "UpdateExpression" && n.argument.type === "Identifier" && n.argument.name === name) assigned = true;
  });
  return assigned;
}

/** A key builder: a function of plain parameters whose body is one returned expression. */
function builderOf(callee: ASTPath<any>): { params: string[]; body: ASTPath<any> } | undefined {
  const binding = bindingOf(callee);
  const holder = binding?.parent;
  let fn: ASTPath<any> | undefined;
  if (holder?.node.type === "FunctionDeclaration" && holder.node.id === binding!.node) fn = holder;
  else if (holder && constantInit(callee) && /FunctionExpression$/.test(holder.node.init.type)) fn = holder.get("init");
  if (!fn) return undefined;
  const params = fn.node.params.map((p: any) => (p.type === "Identifier" ? p.name : p.type === "AssignmentPattern" && p.left.type === "Identifier" ? p.left.name : undefined));
  if (params.some((p: string | undefined) => !p)) return undefined;
  const body = fn.get("body");
  if (body.node.type !== "BlockStatement") return { params, body };
  const only = body.node.body.length === 1 ? body.node.body[0] : undefined;
  return only?.type === "ReturnStatement" && only.argument ? { params, body: body.get("body", 0, "argument") } : undefined;
}

/** `key` imported from a project module (the helper namespace-keys generates). */
function isKeyHelper(callee: ASTPath<any>): boolean {
  if (callee.node.name !== KEY_HELPER) return false;
  const binding = bindingOf(callee);
  const holder = binding?.parent?.node;
  if (holder?.type === "ImportSpecifier") {
    const from = binding!.parent!.parent?.node.source?.value;
    return holder.imported.name === KEY_HELPER && typeof from === "string" && from.startsWith(".");
  }
  const declarator = binding?.parent?.parent?.parent?.node;
  const init = declarator?.type === "VariableDeclarator" ? declarator.init : undefined;
  return init?.type === "CallExpression" && init.callee.name === "require" && String(init.arguments[0]?.value ?? "").startsWith(".");
}

function literalText(node: any): string | undefined {
  if (node.type === "StringLiteral" || node.type === "NumericLiteral") return String(node.value);
  if (node.type === "Literal" && (typeof node.value === "string" || typeof node.value === "number")) return String(node.value);
  return undefined;
}

function mergeText(parts: KeyPart[]): KeyPart[] {
  const out: KeyPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ("text" in p && last && "text" in last) out[out.length - 1] = { text: last.text + p.text };
    else if (!("text" in p) || p.text) out.push(p);
  }
  return out;
}

function collectNames(node: any, names: string[]): void {
  if (node.type === "Identifier") names.push(node.name);
  else if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") names.push(node.property.name);
}

/** Calls `fn` on every node under `node`. */
export function visit(node: any, fn: (n: any) => void): void {
  if (!node || typeof node.type !== "string") return;
  fn(node);
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "comments" || key === "tokens" || key === "extra") continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((v) => visit(v, fn));
    else if (value && typeof value === "object" && typeof value.type === "string") visit(value, fn);
  }
}

// ---- globs ---------------------------------------------------------------------------------------

type Token = { lit: string } | { any: true } | { one: true };

/** Redis-style glob: `*`, `?`, `[...]` (taken as one character), `\x`. */
function globTokens(glob: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") out.push({ any: true });
    else if (c === "?") out.push({ one: true });
    else if (c === "\\" && i + 1 < glob.length) out.push({ lit: glob[++i] });
    else if (c === "[" && glob.indexOf("]", i + 1) > i) {
      out.push({ one: true });
      i = glob.indexOf("]", i + 1);
    } else out.push({ lit: c });
  }
  return out;
}

function keyTokens(shape: KeyShape): Token[] {
  return shape.parts.flatMap((p): Token[] => ("text" in p ? [...p.text].map((c) => ({ lit: c })) : [{ any: true }]));
}

/** True when every key the shape can produce matches the glob. */
export function globCovers(glob: string, shape: KeyShape): boolean {
  const g = globTokens(glob);
  const k = keyTokens(shape);
  const memo = new Map<number, boolean>();
  const match = (i: number, n: number): boolean => {
    const id = i * (k.length + 1) + n;
    let hit = memo.get(id);
    if (hit !== undefined) return hit;
    if (i === g.length) hit = n === k.length;
    else if ("any" in g[i]) hit = match(i + 1, n) || (n < k.length && match(i, n + 1));
    else if (n === k.length || "any" in k[n]) hit = false;
    else hit = ("one" in g[i] || (g[i] as { lit: string }).lit === (k[n] as { lit: string }).lit) && match(i + 1, n + 1);
    memo.set(id, hit);
    return hit;
  };
  return match(0, 0);
}

/** True when some key the shape can produce matches the glob. */
export function globMayMatch(glob: string, shape: KeyShape): boolean {
  const g = globTokens(glob);
  const k = keyTokens(shape);
  const memo = new Map<number, boolean>();
  const match = (i: number, n: number): boolean => {
    const id = i * (k.length + 1) + n;
    let hit = memo.get(id);
    if (hit !== undefined) return hit;
    const gi = g[i];
    const kn = k[n];
    hit =
      (i === g.length && n === k.length) ||
      (gi !== undefined && "any" in gi && (match(i + 1, n) || (kn !== undefined && match(i, n + 1)))) ||
      (kn !== undefined && "any" in kn && (match(i, n + 1) || (gi !== undefined && match(i + 1, n)))) ||
      (gi !== undefined && kn !== undefined && !("any" in gi) && !("any" in kn) && ("one" in gi || gi.lit === (kn as { lit: string }).lit) && match(i + 1, n + 1));
    memo.set(id, hit);
    return hit;
  };
  return match(0, 0);
}
