/**
 * How a command's reply is read, and how those reads follow a new reply. SETNX answers 1/0
 * (node-redis v4 `setNX`: true/false) where `SET … NX` answers "OK"/null, so a reply that is only
 * compared with those values or tested for truthiness can be carried over; any other use cannot.
 */
import type { ASTPath, JSCodeshift } from "jscodeshift";
import type { TextEdits } from "./text-edits.js";

/** The old reply values, as written in comparisons, and what each becomes. */
export type ReplyMapping = Map<string, "OK" | null>;

export const NUMERIC_REPLY: ReplyMapping = new Map([
  ["1", "OK"],
  ["0", null],
]);
export const BOOLEAN_REPLY: ReplyMapping = new Map([
  ["true", "OK"],
  ["false", null],
]);
export const NUMERIC_OR_BOOLEAN_REPLY: ReplyMapping = new Map([...NUMERIC_REPLY, ...BOOLEAN_REPLY]);

export type ReplyEdit = (edits: TextEdits) => void;
export type ReplyPlan = { ok: true; edits: ReplyEdit[]; used: boolean } | { ok: false; reason: string };

const EQUALITY = new Set(["===", "!==", "==", "!="]);
/** Parents in which `a === b` needs no parentheses. */
const SAFE_CONTEXTS = new Set([
  "IfStatement", "WhileStatement", "DoWhileStatement", "ForStatement", "ConditionalExpression", "LogicalExpression",
  "VariableDeclarator", "ReturnStatement", "CallExpression", "NewExpression", "ArrowFunctionExpression",
  "AssignmentExpression", "ExpressionStatement", "ArrayExpression", "ObjectProperty", "TemplateLiteral",
]);
const LOOP_TESTS = new Set(["IfStatement", "WhileStatement", "DoWhileStatement", "ForStatement", "ConditionalExpression"]);

/** True when nothing reads the call's value: `await client.cmd();` or `client.cmd();` as a statement. */
export function replyUnused(call: ASTPath<any>): boolean {
  const value = call.parent?.node.type === "AwaitExpression" ? call.parent : call;
  return value.parent?.node.type === "ExpressionStatement";
}

/**
 * Plans how every read of the reply of `call` (or of the reply parameter of its callback) follows
 * the new reply; fails with a reason when some read cannot.
 * Before: `const ok = await r.setnx(k, v); return ok === 1;`   After: `… return ok === "OK";`
 */
export function planReplyReads(j: JSCodeshift, call: ASTPath<any>, callback: ASTPath<any> | undefined, mapping: ReplyMapping): ReplyPlan {
  if (callback) return planCallbackReads(j, callback, mapping);
  const value = call.parent?.node.type === "AwaitExpression" ? call.parent : call;
  const parent = value.parent;
  if (parent?.node.type === "ExpressionStatement") return { ok: true, edits: [], used: false };
  if (parent?.node.type === "VariableDeclarator" && value.name === "init") return planBindingReads(j, parent, mapping);
  const edit = planRead(value, mapping);
  return typeof edit === "string" ? { ok: false, reason: edit } : { ok: true, edits: [edit], used: true };
}

/** Legacy callbacks: `function (err, reply) { … }` — the reply parameter's reads. */
function planCallbackReads(j: JSCodeshift, callback: ASTPath<any>, mapping: ReplyMapping): ReplyPlan {
  const fn = callback.node;
  if (!/FunctionExpression$/.test(fn.type)) return { ok: false, reason: "is passed to a callback defined elsewhere" };
  const param = fn.params[1];
  if (!param) return { ok: true, edits: [], used: false };
  if (param.type !== "Identifier") return { ok: false, reason: "the callback destructures the reply" };
  return planReferences(j, callback.get("params", 1), callback.get("body"), param.name, mapping);
}

function planBindingReads(j: JSCodeshift, declarator: ASTPath<any>, mapping: ReplyMapping): ReplyPlan {
  const id = declarator.node.id;
  if (id.type !== "Identifier") return { ok: false, reason: "the reply is destructured" };
  if (id.typeAnnotation) return { ok: false, reason: `\`${id.name}\` is declared with a type` };
  const scope = declarator.scope?.lookup(id.name);
  if (!scope) return { ok: false, reason: `cannot follow \`${id.name}\`` };
  return planReferences(j, declarator.get("id"), scope.path, id.name, mapping);
}

/** Plans every read of the binding `name` (declared at `declaration`) inside `within`. */
function planReferences(j: JSCodeshift, declaration: ASTPath<any>, within: ASTPath<any>, name: string, mapping: ReplyMapping): ReplyPlan {
  const bindingScope = declaration.scope?.lookup(name);
  const edits: ReplyEdit[] = [];
  let failure: string | undefined;
  j(within)
    .find(j.Identifier, { name })
    .forEach((ref) => {
      if (failure || ref.node === declaration.node || !isReference(ref) || ref.scope?.lookup(name) !== bindingScope) return;
      const edit = planRead(ref, mapping);
      if (typeof edit === "string") failure = `\`${name}\` ${edit}`;
      else edits.push(edit);
    });
  return failure ? { ok: false, reason: failure } : { ok: true, edits, used: edits.length > 0 };
}

function isReference(ref: ASTPath<any>): boolean {
  const parent = ref.parent?.node;
  if ((parent?.type === "MemberExpression" || parent?.type === "OptionalMemberExpression") && parent.property === ref.node && !parent.computed) return false;
  if ((parent?.type === "ObjectProperty" || parent?.type === "Property") && parent.key === ref.node && !parent.computed && !parent.shorthand) return false;
  return true;
}

/** One read of the reply: a comparison with an old reply value, or a truthiness test. */
function planRead(read: ASTPath<any>, mapping: ReplyMapping): ReplyEdit | string {
  const parent = read.parent;
  const node = parent?.node;
  if (node?.type === "AssignmentExpression" || node?.type === "UpdateExpression") return "is reassigned";
  if (node?.type === "BinaryExpression" && EQUALITY.has(node.operator)) {
    const other = node.left === read.node ? node.right : node.left;
    const old = literalKey(other);
    if (!mapping.size) return "is compared with a value, and the node-redis major version (1/0 or true/false replies) is unknown";
    if (old === undefined || !mapping.has(old)) return `is compared with something other than ${[...mapping.keys()].join("/")}`;
    const next = mapping.get(old);
    return (edits) => edits.replace(edits.outerStart(other), edits.outerEnd(other), typeof next === "string" ? edits.quote(next) : "null");
  }
  if (node?.type === "UnaryExpression" && node.operator === "!") return (edits) => compareWithNull(edits, parent!, read.node, "===");
  if (node?.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "Boolean" && node.arguments.length === 1) {
    return (edits) => compareWithNull(edits, parent!, read.node, "!==");
  }
  if (isTested(read)) return (edits) => compareWithNull(edits, read, read.node, "!==");
  return "is used as a value (returned, stored or passed on)";
}

/**
 * Replaces `whole` (`!x`, `Boolean(x)` or `x` itself) by `x === null` / `x !== null`.
 * Before: `if (!acquired)`   After: `if (acquired === null)`
 */
function compareWithNull(edits: TextEdits, whole: ASTPath<any>, value: any, operator: "===" | "!=="): void {
  const plain = value.type === "Identifier" || value.type === "MemberExpression" || Boolean(value.extra?.parenthesized);
  const wrap = !SAFE_CONTEXTS.has(whole.parent?.node.type);
  const open = (wrap ? "(" : "") + (plain ? "" : "(");
  const close = (plain ? "" : ")") + ` ${operator} null` + (wrap ? ")" : "");
  edits.replace(edits.outerStart(whole.node), edits.outerStart(value), open);
  edits.replace(edits.outerEnd(value), edits.outerEnd(whole.node), close);
}

/** The value only decides a branch: an `if`/loop/ternary test, or an operand of `&&`/`||` used that way. */
function isTested(path: ASTPath<any>): boolean {
  const parent = path.parent;
  const node = parent?.node;
  if (!node) return false;
  if (LOOP_TESTS.has(node.type)) return path.name === "test";
  if (node.type === "LogicalExpression" && node.operator !== "??") {
    return isTested(parent) || isNegated(parent) || parent.parent?.node.type === "ExpressionStatement";
  }
  return false;
}

function isNegated(path: ASTPath<any>): boolean {
  return path.parent?.node.type === "UnaryExpression" && path.parent.node.operator === "!";
}

function literalKey(node: any): string | undefined {
  if (node.type === "NumericLiteral" || (node.type === "Literal" && typeof node.value === "number")) return String(node.value);
  if (node.type === "BooleanLiteral" || (node.type === "Literal" && typeof node.value === "boolean")) return String(node.value);
  return undefined;
}
