/**
 * MSET has no expiry option. Rewritten as one MULTI holding the MSET and an EXPIRE per key, it
 * stays atomic: no other client sees the keys without their TTL.
 */
import type { ASTNode, ASTPath, JSCodeshift } from "jscodeshift";
import { type CommandCall, keyArgumentsOf } from "../redis/clients.js";
import type { TextEdits } from "./text-edits.js";

/** One key of an MSET: where it is written, and the expression that names it again in EXPIRE. */
export interface MsetKey {
  path: ASTPath<any>;
  /** Set for `{ plain: v }` object keys: the literal key text. */
  literal?: string;
}

/** Longer rewritten chains go one call per line. */
const MAX_LINE = 100;
const PURE_TYPES = new Set(["Identifier", "ThisExpression", "StringLiteral", "NumericLiteral", "Literal", "TemplateLiteral", "BinaryExpression", "MemberExpression", "TSAsExpression", "TSNonNullExpression"]);

/** The keys of an MSET call, or why they cannot be named again (spread, dynamic container, calls). */
export function msetKeys(j: JSCodeshift, call: CommandCall): MsetKey[] | string {
  const { keys, complete } = keyArgumentsOf(call);
  const args = call.args.map((a) => a.node);
  const onlyArg = args.length === 1 ? args[0].type : undefined;
  const written = onlyArg ? onlyArg === "ObjectExpression" || onlyArg === "ArrayExpression" : args.length % 2 === 0;
  if (!complete || !written || keys.length === 0) return "its keys are not all written out (a spread or a variable holding the pairs)";
  const wanted = new Set<ASTNode>(keys);
  const found: MsetKey[] = [];
  j(call.path)
    .find(j.Node)
    .filter((p: ASTPath<any>) => wanted.has(p.node))
    .forEach((p: ASTPath<any>) => {
      const prop = p.parent?.node;
      const plainKey = (prop?.type === "ObjectProperty" || prop?.type === "Property") && prop.key === p.node && !prop.computed;
      found.push(plainKey ? { path: p, literal: p.node.type === "Identifier" ? p.node.name : String(p.node.value) } : { path: p });
    });
  if (found.length !== keys.length) return "its keys could not be located";
  const impure = found.find((k) => !k.literal && !isPure(k.path.node));
  return impure ? "a key is computed by a call, which EXPIRE would evaluate a second time" : found;
}

/**
 * Wraps the MSET in a MULTI with one EXPIRE per key (`ttls` aligned with `keys`, undefined = none),
 * keeping the MSET's own arguments as written.
 * Before: `await redis.mset("a", 1, "b", 2)`
 * After:  `await redis.multi().mset("a", 1, "b", 2).expire("a", 3600).expire("b", 3600).exec()`
 */
export function msetInMulti(edits: TextEdits, call: CommandCall, keys: MsetKey[], ttls: Array<number | undefined>): void {
  const node = call.path.node;
  const args = node.arguments.filter((a: ASTNode) => a !== call.callback?.node);
  const [start, end] = [edits.start(node), edits.end(node)];
  const open = edits.source.indexOf("(", edits.end(node.callee));
  const argsEnd = args.length ? edits.outerEnd(args[args.length - 1]) : open + 1;
  const inner = edits.source.slice(open + 1, argsEnd);
  const close = call.callback ? ")" : edits.source.slice(argsEnd, end);
  const head = `${edits.text(node.callee.object)}.multi().${node.callee.property.name}(${inner}${close}`;
  const expires = keys.flatMap((key, i) => {
    const ttl = ttls[i];
    if (ttl === undefined) return [];
    const name = key.literal !== undefined ? edits.quote(key.literal) : edits.text(key.path.node);
    return [`.expire(${name}, ${ttl})`];
  });
  const callback = call.callback ? edits.text(call.callback.node) : "";
  const oneLine = `${head}${expires.join("")}.exec(${callback})`;
  const lineStart = edits.source.lastIndexOf("\n", start) + 1;
  const fits = !oneLine.includes("\n") && start - lineStart + oneLine.length <= MAX_LINE;
  const unit = edits.indentUnit();
  const indent = "\n" + edits.indentAt(start) + unit;
  // The callback moves one level deeper, onto the `.exec(` line of the chain.
  const exec = `.exec(${callback.replace(/\n/g, `\n${unit}`)})`;
  edits.replace(start, end, fits ? oneLine : head + [...expires, exec].map((part) => indent + part).join(""));
}

/** Expressions that can be evaluated twice with the same result and no effect. */
function isPure(node: any): boolean {
  if (!node || !PURE_TYPES.has(node.type)) return false;
  switch (node.type) {
    case "TemplateLiteral":
      return node.expressions.every(isPure);
    case "BinaryExpression":
      return isPure(node.left) && isPure(node.right);
    case "MemberExpression":
      return isPure(node.object) && (!node.computed || isPure(node.property));
    case "TSAsExpression":
    case "TSNonNullExpression":
      return isPure(node.expression);
    default:
      return true;
  }
}
