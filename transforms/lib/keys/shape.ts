/**
 * A key expression as segments: `"cart:" + id + ":items"`, `` `cart:${id}:items` `` and
 * `CART + id + ":items"` (with `const CART = "cart:"`) all read as [cart] [id] [items]. From the
 * segments come the `key(...)` arguments, the `keyPattern(...)` arguments and the migration plan's
 * old and new patterns.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { bindingOf, unwrapPath } from "./bindings.js";
import { escapeKeyPart } from "./module.js";

export type Piece = { text: string } | { expr: ASTPath<any> };
export type Segment = Piece[];

export interface KeyShape {
  segments: Segment[];
  /** Identifiers of literal constants whose text was inlined (`PREFIX` in `PREFIX + id`). */
  constantRefs: ASTPath<any>[];
}

export interface ShapeContext {
  j: JSCodeshift;
  root: Collection;
}

const SEPARATOR = ":";
const GLOB = /[*?[\]\\]/;

/** The segments of a string expression; undefined when it is not visibly a string (a call, a bare parameter). */
export function shapeOf(cx: ShapeContext, path: ASTPath<any>): KeyShape | undefined {
  const constantRefs: ASTPath<any>[] = [];
  if (!isStringy(cx, path, new Set())) return undefined;
  const pieces = normalise(piecesOf(cx, path, constantRefs, new Set()));
  return { segments: split(pieces), constantRefs };
}

/** The literal text when every piece is literal, else undefined. */
export function literalText(shape: KeyShape): string | undefined {
  const parts = shape.segments.map((s) => (s.every(isText) ? s.map((p) => (p as { text: string }).text).join("") : undefined));
  return parts.every((p) => p !== undefined) ? parts.join(SEPARATOR) : undefined;
}

export function isText(piece: Piece): piece is { text: string } {
  return "text" in piece;
}

/** True when the shape starts with literal text: an entity name the key can be filed under. */
export function startsWithLiteral(shape: KeyShape): boolean {
  const first = shape.segments[0];
  return first.length === 0 || isText(first[0]);
}

/** Whether a pattern segment holds wildcard text. */
export function isGlobSegment(segment: Segment): boolean {
  return segment.some((p) => isText(p) && GLOB.test(p.text));
}

/** Whether the expression is certainly a string: a literal, a template, a concatenation with one. */
function isStringy(cx: ShapeContext, path: ASTPath<any>, seen: Set<ASTNode>): boolean {
  const p = unwrapPath(path);
  const n = p.node;
  if (n.type === "StringLiteral" || (n.type === "Literal" && typeof n.value === "string") || n.type === "TemplateLiteral") return true;
  if (n.type === "BinaryExpression" && n.operator === "+") return isStringy(cx, p.get("left"), seen) || isStringy(cx, p.get("right"), seen);
  const constant = n.type === "Identifier" ? constantInit(cx, p, seen) : undefined;
  return constant ? isStringy(cx, constant, seen) : false;
}

/** The initialiser of a never-reassigned variable holding only literal text, else undefined. */
export function constantInit(cx: ShapeContext, id: ASTPath<any>, seen: Set<ASTNode>): ASTPath<any> | undefined {
  const binding = bindingOf(cx.j, cx.root, id);
  if (binding.kind !== "variable" || !binding.constant || binding.destructured || binding.loopOver || !binding.init) return undefined;
  if (seen.has(binding.init.node)) return undefined;
  seen.add(binding.init.node);
  const pieces = piecesOf(cx, binding.init, [], seen);
  seen.delete(binding.init.node);
  return pieces.every(isText) && isStringy(cx, binding.init, new Set([binding.init.node])) ? binding.init : undefined;
}

function piecesOf(cx: ShapeContext, path: ASTPath<any>, constantRefs: ASTPath<any>[], seen: Set<ASTNode>): Piece[] {
  const p = unwrapPath(path);
  const n = p.node;
  if (n.type === "StringLiteral" || (n.type === "Literal" && typeof n.value === "string")) return [{ text: String(n.value) }];
  if (n.type === "NumericLiteral" || (n.type === "Literal" && typeof n.value === "number")) return [{ text: String(n.value) }];
  if (n.type === "TemplateLiteral") {
    const pieces: Piece[] = [];
    n.quasis.forEach((q: any, i: number) => {
      pieces.push({ text: q.value.cooked ?? q.value.raw });
      if (i < n.expressions.length) pieces.push(...piecesOf(cx, p.get("expressions", i), constantRefs, seen));
    });
    return pieces;
  }
  if (n.type === "BinaryExpression" && n.operator === "+" && (isStringy(cx, p.get("left"), seen) || isStringy(cx, p.get("right"), seen))) {
    return [...piecesOf(cx, p.get("left"), constantRefs, seen), ...piecesOf(cx, p.get("right"), constantRefs, seen)];
  }
  if (n.type === "Identifier") {
    const init = constantInit(cx, p, seen);
    if (init) {
      constantRefs.push(p);
      return piecesOf(cx, init, [], new Set([...seen, init.node]));
    }
  }
  return [{ expr: path }];
}

/** Drops empty text, merges adjacent text. */
function normalise(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (isText(piece)) {
      if (!piece.text) continue;
      const last = out[out.length - 1];
      if (last && isText(last)) out[out.length - 1] = { text: last.text + piece.text };
      else out.push(piece);
    } else out.push(piece);
  }
  return out;
}

function split(pieces: Piece[]): Segment[] {
  const segments: Segment[] = [[]];
  for (const piece of pieces) {
    if (!isText(piece)) {
      segments[segments.length - 1].push(piece);
      continue;
    }
    piece.text.split(SEPARATOR).forEach((text, i) => {
      if (i > 0) segments.push([]);
      if (text) segments[segments.length - 1].push({ text });
    });
  }
  return segments;
}

/** Names that say "an id": `id`, `userId`, `user_id`, `ID`, `uuid` (not `paid`, `valid`). */
const ID_NAME = /^(id|ids|ID|IDs|uuid|guid)$|[a-z0-9](Id|ID|Ids|IDs|Uuid|UUID|Guid)$|_(id|ids|ID|uuid)$/;
const NUMERIC_CALLS = new Set(["Number", "parseInt", "parseFloat", "BigInt"]);
const NUMBER_TYPES = new Set(["TSNumberKeyword", "TSBigIntKeyword"]);

/**
 * Whether a dynamic part of a pattern is known to be an id, so glob characters in it are to
 * match literally: named as one (`userId`, `req.params.id`), or a number (a numeric literal,
 * arithmetic, `Number(x)`, a `number`-typed name). Anything else may be a glob on purpose.
 */
export function isIdValue(cx: ShapeContext, path: ASTPath<any>, depth = 0): boolean {
  const p = unwrapPath(path);
  const n = p.node;
  if (!n || depth > 4) return false;
  if (n.type === "NumericLiteral" || n.type === "BigIntLiteral" || (n.type === "Literal" && typeof n.value === "number")) return true;
  if (n.type === "UnaryExpression" && (n.operator === "-" || n.operator === "+")) return true;
  if (n.type === "BinaryExpression" && ["-", "*", "/", "%", "**"].includes(n.operator)) return true;
  if (n.type === "Identifier") return ID_NAME.test(n.name) || hasNumberType(cx, p);
  if ((n.type === "MemberExpression" || n.type === "OptionalMemberExpression") && !n.computed && n.property.type === "Identifier") return ID_NAME.test(n.property.name);
  if (n.type === "CallExpression" || n.type === "OptionalCallExpression") {
    const callee = n.callee;
    if (callee.type === "Identifier" && NUMERIC_CALLS.has(callee.name)) return true;
    if (callee.type === "Identifier" && callee.name === "String" && n.arguments[0]) return isIdValue(cx, p.get("arguments", 0), depth + 1);
    if (callee.type === "MemberExpression" && !callee.computed && callee.property.name === "toString") return isIdValue(cx, p.get("callee", "object"), depth + 1);
    if (callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Math") return true;
  }
  return false;
}

/** `id: number`, `const n: number = …`. */
function hasNumberType(cx: ShapeContext, id: ASTPath<any>): boolean {
  const binding = bindingOf(cx.j, cx.root, id);
  const declared = binding.kind === "param" ? binding.fn.node.params[binding.index] : binding.kind === "variable" ? binding.declarator.node.id : undefined;
  const target = declared?.type === "AssignmentPattern" ? declared.left : declared;
  const type = target?.typeAnnotation?.typeAnnotation?.type;
  return Boolean(type && NUMBER_TYPES.has(type));
}

export interface Emitters {
  /** Builds `glob("text")` for a wildcard segment of a pattern. */
  glob?: (text: string) => ASTNode;
  /** Pattern segments (by index) built from a value that stays a glob, and how to wrap them: `glob(pattern)`. */
  globSegment?: (index: number) => boolean;
  wrapGlob?: (arg: ASTNode) => ASTNode;
}

/**
 * The helper's arguments: a literal segment becomes a lowercase string literal, a lone value is
 * passed as is, a segment gluing text and values becomes a template literal.
 * Before: `"Cart:" + id + ":items"`  After: `"cart", id, "items"`
 */
export function helperArguments(j: JSCodeshift, shape: KeyShape, emit: Emitters = {}): ASTNode[] {
  return shape.segments.map((segment, i) => {
    if (segment.every(isText)) {
      const text = segment.map((p) => (p as { text: string }).text).join("").toLowerCase();
      return emit.glob && GLOB.test(text) ? emit.glob(text) : j.stringLiteral(text);
    }
    const arg = segment.length === 1 ? (segment[0] as { expr: ASTPath<any> }).expr.node : templateOf(j, segment);
    return emit.wrapGlob && emit.globSegment?.(i) ? emit.wrapGlob(arg) : arg;
  });
}

function templateOf(j: JSCodeshift, segment: Segment): ASTNode {
  const quasis: any[] = [];
  const expressions: any[] = [];
  let text = "";
  for (const piece of segment) {
    if (isText(piece)) {
      text += piece.text.toLowerCase();
      continue;
    }
    quasis.push(quasi(j, text, false));
    expressions.push(piece.expr.node);
    text = "";
  }
  quasis.push(quasi(j, text, true));
  return j.templateLiteral(quasis, expressions);
}

function quasi(j: JSCodeshift, cooked: string, tail: boolean) {
  const raw = cooked.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
  return j.templateElement({ cooked, raw }, tail);
}

/** Names for the values of a shape in the migration plan: `{id}`, `{userId}`, … unique per pattern. */
export function placeholderNames(shape: KeyShape, sourceOf: (node: ASTNode) => string): Map<ASTNode, string> {
  const byText = new Map<string, string>();
  const used = new Set<string>();
  const names = new Map<ASTNode, string>();
  for (const segment of shape.segments) {
    for (const piece of segment) {
      if (isText(piece)) continue;
      const text = sourceOf(piece.expr.node);
      let name = byText.get(text);
      if (!name) {
        const base = nameOf(piece.expr.node);
        name = base;
        for (let i = 2; used.has(name); i++) name = `${base}${i}`;
        used.add(name);
        byText.set(text, name);
      }
      names.set(piece.expr.node, name);
    }
  }
  return names;
}

function nameOf(node: any): string {
  const n = node.type === "TSAsExpression" || node.type === "TSNonNullExpression" ? node.expression : node;
  if (n.type === "Identifier") return n.name;
  if ((n.type === "MemberExpression" || n.type === "OptionalMemberExpression") && !n.computed && n.property.type === "Identifier") return n.property.name;
  if (n.type === "CallExpression") {
    const callee = n.callee.type === "Identifier" ? n.callee.name : n.callee.property?.name;
    if ((callee === "String" || callee === "Number") && n.arguments[0]) return nameOf(n.arguments[0]);
    return callee ?? "value";
  }
  return "value";
}

export interface PlanPatterns {
  oldPattern: string;
  newPattern: string;
}

/**
 * The migration plan entry of a key or pattern: `cart:{userId}:items` → `shop:{env}:cart:{userId}:items`.
 * Literal braces (hash tags) are doubled (`{{`, `}}`); wildcards of a pattern become `{*}` and `{?}`
 * (their text is carried over as is by migrate-keys); lowercased ids `{id|lower}`. Undefined for
 * patterns with character classes or escapes, which a plan cannot express.
 */
export function planPatterns(shape: KeyShape, names: Map<ASTNode, string>, app: string, lowercaseIds: boolean): PlanPatterns | undefined {
  const old: string[] = [];
  const next: string[] = [];
  for (const segment of shape.segments) {
    const glob = isGlobSegment(segment) && segment.every(isText);
    let o = "";
    let n = "";
    for (const piece of segment) {
      if (isText(piece)) {
        if (glob && /[[\\]/.test(piece.text)) return undefined;
        o += glob ? wildcards(braces(piece.text)) : braces(piece.text);
        n += glob ? wildcards(braces(piece.text.toLowerCase())) : braces(escapeKeyPart(piece.text.toLowerCase()));
      } else {
        const name = names.get(piece.expr.node) ?? "value";
        o += `{${name}}`;
        n += lowercaseIds ? `{${name}|lower}` : `{${name}}`;
      }
    }
    old.push(o);
    next.push(n);
  }
  return { oldPattern: old.join(SEPARATOR), newPattern: `${app}:{env}:${next.join(SEPARATOR)}` };
}

function braces(text: string): string {
  return text.replace(/[{}]/g, "$&$&");
}

function wildcards(text: string): string {
  return text.replace(/[*?]/g, "{$&}");
}
