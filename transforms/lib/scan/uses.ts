/**
 * How code uses the array a KEYS (or SMEMBERS) call resolves to, which decides the SCAN shape:
 * iterated once (`for…of`, `forEach`, `Promise.all(keys.map(…))`) → handled batch by batch;
 * deleted (`del(...keys)`, with or without a length guard) → deleted batch by batch; anything
 * else → collected first. Pure analysis: nothing here changes the tree.
 */
import type { ASTNode, ASTPath, JSCodeshift } from "jscodeshift";
import type { CommandCall, RedisModel } from "../redis/clients.js";
import { assignedNames, enclosingFunction, inStatementList, isFunctionNode, isLengthRead, isPure, isWithin, namesUnder, suspends } from "./ast.js";

export interface HoistPoint {
  /** The statement before which the collecting loop goes (or the arrow whose body becomes a block). */
  statement: ASTPath<any>;
  mode: "before" | "block" | "arrow";
}

export type Use =
  /** Run `statement` once per batch, on keys not seen before; `refs` become the batch. */
  | { kind: "each"; statement: ASTPath<any>; reuse: "statement" | "expression"; refs: ASTPath<any>[]; declaration?: ASTPath<any> }
  /** Run the delete in `statement` once per non-empty batch. */
  | { kind: "delete"; statement: ASTPath<any>; reuse: "statement" | "expression"; refs: ASTPath<any>[]; declaration?: ASTPath<any> }
  /** Collect before `at`, then use the de-duplicated array (or its size) in place of `value`. */
  | { kind: "collect"; at: HoistPoint; value: ASTPath<any>; size: boolean }
  /** A promise of the array is used (`.then`, passed on): an async function collects it in place. */
  | { kind: "promise"; value: ASTPath<any> };

export type StreamUse = Extract<Use, { kind: "each" | "delete" }>;

export interface UseOptions {
  /** Delete and per-key shapes apply (KEYS); SMEMBERS only streams into loops. */
  deletes: boolean;
  /** Expressions the scan re-evaluates where it moves to: the client and the pattern. */
  moved: ASTNode[];
}

const DELETE_COMMANDS = new Set(["DEL", "UNLINK"]);

/** The shape for a call's result, by how the surrounding code uses it. */
export function classifyUse(j: JSCodeshift, model: RedisModel, call: CommandCall, opts: UseOptions): Use {
  const path = call.path;
  const awaited = path.parent?.node.type === "AwaitExpression" && path.name === "argument" ? path.parent : undefined;
  if (!awaited) return { kind: "promise", value: path };
  const value = uncast(awaited);
  const streamed = directUse(j, model, value, opts) ?? declaredUse(j, model, value, opts);
  if (streamed) return streamed;
  const at = hoistPoint(awaited, opts.moved, j);
  if (!at) return { kind: "promise", value: path };
  const size = isLengthRead(awaited);
  return { kind: "collect", at, value: size ? awaited.parent : awaited, size };
}

/** The outermost type cast around a value (`(await client.sendCommand(["KEYS", p])) as string[]`). */
function uncast(path: ASTPath<any>): ASTPath<any> {
  let p = path;
  while (p.parent && CASTS.has(p.parent.node.type) && p.name === "expression") p = p.parent;
  return p;
}

const CASTS = new Set(["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "TypeCastExpression", "TSTypeAssertion"]);

/** `for (const k of await r.keys(p))`, `(await r.keys(p)).forEach(…)`, `await r.del(...(await r.keys(p)))`. */
function directUse(j: JSCodeshift, model: RedisModel, awaited: ASTPath<any>, opts: UseOptions): StreamUse | undefined {
  const statement = statementOf(awaited);
  return statement ? matchStatement(j, model, statement, [awaited], opts) : undefined;
}

/** `const keys = await r.keys(p)` whose only uses are in one later statement of the same block. */
function declaredUse(j: JSCodeshift, model: RedisModel, awaited: ASTPath<any>, opts: UseOptions): StreamUse | undefined {
  const declarator = awaited.parent;
  if (declarator?.node.type !== "VariableDeclarator" || awaited.name !== "init" || declarator.node.id.type !== "Identifier") return undefined;
  const declaration = declarator.parent;
  if (declaration.node.declarations.length !== 1 || !inStatementList(declaration)) return undefined;
  const name = declarator.node.id.name as string;
  const refs = references(j, enclosingFunction(declaration).node, name, declarator.node.id);
  if (!refs?.length) return undefined;
  const list = declaration.parentPath.value as ASTNode[];
  const index = declaration.name as number;
  const holder = list.findIndex((s, i) => i > index && refs.every((r) => isWithin(r, s)));
  if (holder < 0) return undefined;
  for (let i = index + 1; i < holder; i++) if (!quiet(j, model, list[i], opts.moved)) return undefined;
  const use = matchStatement(j, model, declaration.parentPath.get(holder), refs, opts);
  return use && { ...use, declaration };
}

/** The shapes that stream: a loop, `forEach`, `Promise.all(x.map(…))`, a delete (optionally guarded). */
function matchStatement(j: JSCodeshift, model: RedisModel, statement: ASTPath<any>, refs: ASTPath<any>[], opts: UseOptions): StreamUse | undefined {
  const node = statement.node;
  const isRef = (n: ASTNode) => refs.some((r) => r.node === n);
  if (node.type === "ForOfStatement" && !node.await && refs.length === 1 && isRef(node.right) && streamableLoop(statement)) {
    return { kind: "each", statement, reuse: "statement", refs };
  }
  if (node.type === "ExpressionStatement" && refs.length === 1) {
    const expression = node.expression;
    if (isForEachOf(expression, isRef)) return { kind: "each", statement, reuse: "expression", refs };
    if (opts.deletes && isMapAllOf(expression, isRef)) return { kind: "each", statement, reuse: "expression", refs };
    if (opts.deletes && isDeleteOf(model, expression, isRef)) return { kind: "delete", statement, reuse: "expression", refs };
  }
  if (opts.deletes && node.type === "IfStatement" && !node.alternate && refs.length === 2 && isNonEmptyTest(node.test, isRef)) {
    const body = node.consequent.type === "BlockStatement" ? (node.consequent.body.length === 1 ? node.consequent.body[0] : undefined) : node.consequent;
    if (body?.type === "ExpressionStatement" && isDeleteOf(model, body.expression, isRef)) return { kind: "delete", statement, reuse: "statement", refs };
  }
  return undefined;
}

/** `keys.forEach((k) => …)`: a function literal that ignores index and array. */
function isForEachOf(expression: any, isRef: (n: ASTNode) => boolean): boolean {
  return expression.type === "CallExpression" && isMethodCall(expression, "forEach", isRef) && expression.arguments.length === 1 && isSimpleCallback(expression.arguments[0]);
}

/** `[await] Promise.all(keys.map((k) => …))`. */
function isMapAllOf(expression: any, isRef: (n: ASTNode) => boolean): boolean {
  const call = expression.type === "AwaitExpression" ? expression.argument : expression;
  if (call?.type !== "CallExpression" || call.arguments.length !== 1) return false;
  const callee = call.callee;
  const promiseAll = callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Promise" && callee.property.name === "all";
  const inner = call.arguments[0];
  return promiseAll && inner.type === "CallExpression" && isMethodCall(inner, "map", isRef) && inner.arguments.length === 1 && isSimpleCallback(inner.arguments[0]);
}

/** `[await] client.del(...keys)` / `del(keys)` / `unlink`, on a proven client, its only argument the keys. */
function isDeleteOf(model: RedisModel, expression: any, isRef: (n: ASTNode) => boolean): boolean {
  const callNode = expression.type === "AwaitExpression" ? expression.argument : expression;
  const del = model.commandCalls().find((c) => c.path.node === callNode);
  if (!del || !DELETE_COMMANDS.has(del.command) || del.inTransaction || del.callback || del.form !== "method" || del.args.length !== 1) return false;
  const arg = del.args[0].node;
  // node-redis sends only the first of spread arguments; collecting keeps that behaviour exactly.
  if (arg.type === "SpreadElement") return del.client.flavour === "ioredis" && isRef(arg.argument);
  return del.client.flavour !== "node-redis-legacy" && isRef(arg);
}

function isMethodCall(call: any, method: string, isRef: (n: ASTNode) => boolean): boolean {
  const callee = call.callee;
  return callee.type === "MemberExpression" && !callee.computed && callee.property.name === method && isRef(callee.object);
}

function isSimpleCallback(fn: any): boolean {
  return (fn.type === "ArrowFunctionExpression" || fn.type === "FunctionExpression") && fn.params.length <= 1 && !fn.generator;
}

/** `keys.length`, `keys.length > 0`, `keys.length !== 0`, `0 < keys.length`, `keys.length >= 1`. */
function isNonEmptyTest(test: any, isRef: (n: ASTNode) => boolean): boolean {
  const isLength = (n: any) => n?.type === "MemberExpression" && !n.computed && n.property.name === "length" && isRef(n.object);
  const value = (n: any) => (n?.type === "NumericLiteral" || (n?.type === "Literal" && typeof n.value === "number") ? n.value : undefined);
  if (isLength(test)) return true;
  if (test.type !== "BinaryExpression") return false;
  const { operator, left, right } = test;
  if (isLength(left)) return ((operator === ">" || operator === "!==" || operator === "!=") && value(right) === 0) || (operator === ">=" && value(right) === 1);
  return isLength(right) && operator === "<" && value(left) === 0;
}

/** A loop the batch loop can wrap: no `break` out of it (that would only leave one batch) and no label. */
function streamableLoop(loop: ASTPath<any>): boolean {
  if (loop.parent?.node.type === "LabeledStatement") return false;
  return !breaksOut(loop.node.body, false);
}

function breaksOut(node: any, nested: boolean): boolean {
  if (!node || typeof node.type !== "string") return false;
  if (node.type === "BreakStatement") return !node.label && !nested;
  if (isFunctionNode(node)) return false;
  const inner = nested || /^(ForStatement|ForInStatement|ForOfStatement|WhileStatement|DoWhileStatement|SwitchStatement)$/.test(node.type);
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "comments") continue;
    const value = node[key];
    if (Array.isArray(value) ? value.some((v) => breaksOut(v, inner)) : value && typeof value === "object" && breaksOut(value, inner)) return true;
  }
  return false;
}

/**
 * A statement between the KEYS call and its use that the SCAN may move past: it does not wait,
 * send Redis commands, or change what the client or pattern expressions read.
 */
function quiet(j: JSCodeshift, model: RedisModel, statement: ASTNode, moved: ASTNode[]): boolean {
  if (suspends(j, statement)) return false;
  if (model.commandCalls().some((c) => isWithin(c.path, statement))) return false;
  const read = new Set(moved.flatMap((m) => [...namesUnder(j, m)]));
  return ![...assignedNames(j, statement)].some((n) => read.has(n));
}

/**
 * The references to `name` in `scope`, or undefined when the name is bound more than once there
 * (shadowing makes counting unreliable).
 */
function references(j: JSCodeshift, scope: ASTNode, name: string, declared: ASTNode): ASTPath<any>[] | undefined {
  const refs: ASTPath<any>[] = [];
  let rebound = false;
  j(scope as any)
    .find(j.Identifier, { name })
    .forEach((p) => {
      if (p.node === declared || isPropertyName(p)) return;
      if (isBinding(p)) rebound = true;
      else refs.push(p);
    });
  return rebound ? undefined : refs;
}

function isPropertyName(p: ASTPath<any>): boolean {
  const parent = p.parent.node;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && p.name === "property") return !parent.computed;
  if (/^(ObjectProperty|Property|ClassProperty|ObjectMethod|ClassMethod|TSPropertySignature|TSMethodSignature)$/.test(parent.type) && p.name === "key") {
    return !parent.computed && !parent.shorthand;
  }
  return /^(LabeledStatement|BreakStatement|ContinueStatement|TSQualifiedName|MetaProperty|ImportSpecifier|ExportSpecifier)$/.test(parent.type);
}

function isBinding(p: ASTPath<any>): boolean {
  const parent = p.parent.node;
  if (parent.type === "VariableDeclarator" && p.name === "id") return true;
  if (isFunctionNode(parent) && (p.name === "id" || p.parentPath.name === "params")) return true;
  if (/^(ClassDeclaration|ClassExpression)$/.test(parent.type) && p.name === "id") return true;
  if (parent.type === "CatchClause" || parent.type === "AssignmentPattern" || parent.type === "RestElement" || parent.type === "ArrayPattern") return true;
  return parent.type === "ObjectProperty" && p.parent.parent?.node.type === "ObjectPattern" && p.name === "value";
}

/** The statement whose expression (or loop head) directly holds `path`. */
function statementOf(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    if (/Statement$/.test(p.node.type)) return p;
    if (isFunctionNode(p.node) || /Declaration$/.test(p.node.type)) return undefined;
  }
  return undefined;
}

// ---- hoisting ------------------------------------------------------------------------------------

const TRANSPARENT = new Set(["AwaitExpression", "SpreadElement", "UnaryExpression", "TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "ParenthesizedExpression", "TypeCastExpression", "TSTypeAssertion", "VariableDeclarator"]);
const STATEMENT_SLOTS: Record<string, string> = {
  ExpressionStatement: "expression",
  ReturnStatement: "argument",
  ThrowStatement: "argument",
  IfStatement: "test",
  SwitchStatement: "discriminant",
  ForOfStatement: "right",
  ForInStatement: "right",
  ForStatement: "init",
  VariableDeclaration: "declarations",
};

/**
 * Where a loop can run before `value` is evaluated without changing what happens first: the
 * enclosing statement, when everything it evaluates before `value` is free of effects.
 * Before: `res.json({ n: (await r.keys(p)).length })`  After: loop; `res.json({ n: found.size })`
 */
export function hoistPoint(value: ASTPath<any>, moved: ASTNode[], j: JSCodeshift): HoistPoint | undefined {
  let child = value;
  for (let p: ASTPath<any> | null = value.parent; p; child = p, p = p.parent) {
    const field = child.parentPath === p ? child.name : child.parentPath.name;
    const index = child.parentPath === p ? undefined : (child.name as number);
    const node = p.node;
    if (node.type === "ArrowFunctionExpression" && field === "body") return { statement: p, mode: "arrow" };
    if (node.type === "VariableDeclaration" && /^For/.test(p.parent?.node.type)) continue;
    if (STATEMENT_SLOTS[node.type] === field) {
      if (node.type === "VariableDeclaration" && !node.declarations.slice(0, index).every((d: any) => isPure(d.init))) return undefined;
      return statementPoint(p, moved, j);
    }
    if (!evaluatedFirst(node, field, index)) return undefined;
  }
  return undefined;
}

function statementPoint(statement: ASTPath<any>, moved: ASTNode[], j: JSCodeshift): HoistPoint | undefined {
  let s = statement;
  while (s.parent?.node.type === "LabeledStatement") s = s.parent;
  if (s.parent?.node.type === "ExportNamedDeclaration") s = s.parent;
  const declared = declaredNames(j, statement.node);
  const read = moved.flatMap((m) => [...namesUnder(j, m)]);
  if (read.some((n) => declared.has(n))) return undefined;
  if (inStatementList(s)) return { statement: s, mode: "before" };
  return /Statement$/.test(s.parent?.node.type) ? { statement: s, mode: "block" } : undefined;
}

/** Whether `node`'s child at `field[index]` is evaluated before anything with an effect in `node`. */
function evaluatedFirst(node: any, field: string, index: number | undefined): boolean {
  const before = (list: any[], pure = isPure) => list.slice(0, index).every((n) => !n || pure(n));
  if (TRANSPARENT.has(node.type)) return true;
  switch (node.type) {
    case "MemberExpression":
    case "OptionalMemberExpression":
      return field === "object" || isPure(node.object);
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return field === "callee" || (isPure(node.callee) && before(node.arguments));
    case "ArrayExpression":
      return before(node.elements);
    case "ObjectProperty":
    case "Property":
      return field === "value" && (!node.computed || isPure(node.key));
    case "ObjectExpression":
      return before(node.properties, (prop: any) => prop.type !== "SpreadElement" && (!prop.computed || isPure(prop.key)) && isPure(prop.value));
    case "TemplateLiteral":
      return before(node.expressions);
    case "BinaryExpression":
      return field === "left" || isPure(node.left);
    case "LogicalExpression":
      return field === "left";
    case "ConditionalExpression":
      return field === "test";
    case "AssignmentExpression":
      return field === "right" && (node.left.type === "Identifier" || ((node.left.type === "MemberExpression" || node.left.type === "OptionalMemberExpression") && isPure(node.left)));
    default:
      return false;
  }
}

function declaredNames(j: JSCodeshift, statement: any): Set<string> {
  const names = new Set<string>();
  if (statement.type !== "VariableDeclaration") return names;
  for (const d of statement.declarations) for (const n of namesUnder(j, d.id)) names.add(n);
  return names;
}
