/**
 * How often a function body runs. A client built in a body that runs per call (route handlers,
 * middleware, Next.js routes, Lambda handlers, class methods, helpers) is a connection per call;
 * one built in a body that runs once (a script's `main()`, an IIFE, a `listen` callback) is not.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { atModuleLevel, calleeName, dottedName, enclosingFunction, isFunctionNode, isReference, resolveName } from "./ast.js";

/** Calls whose callback runs once when the call itself runs once. */
const ONCE_CALLBACKS = new Set(["listen", "once", "setTimeout", "setImmediate", "nextTick", "then", "catch", "finally", "queueMicrotask", "beforeAll", "afterAll", "before", "after"]);
const MAX_DEPTH = 4;

/** True when the function at `fn` runs once per process (a startup path), judged from this file. */
export function runsOnce(j: JSCodeshift, root: Collection, fn: ASTPath<any>, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const { parent, child } = outerExpression(fn);
  const parentNode = parent?.node;
  if (parentNode?.type === "CallExpression" && parentNode.callee === child.node) return callRunsOnce(j, root, parent!, depth);
  if (parentNode?.type === "CallExpression" && parentNode.arguments.includes(child.node)) {
    return ONCE_CALLBACKS.has(calleeName(parentNode.callee) ?? "") && callRunsOnce(j, root, parent!, depth);
  }
  const name = declaredName(fn);
  if (!name || isExported(j, root, fn)) return false;
  const calls = referencesTo(j, root, name.binding, name.name);
  return calls.length > 0 && calls.every((ref) => {
    const call = ref.parent;
    return call?.node.type === "CallExpression" && call.node.callee === ref.node && callRunsOnce(j, root, call, depth);
  });
}

/** A call runs once when it sits at module level or in a function that runs once. */
export function callRunsOnce(j: JSCodeshift, root: Collection, call: ASTPath<any>, depth: number): boolean {
  const fn = enclosingFunction(call);
  return !fn || runsOnce(j, root, fn, depth + 1);
}

/** Every call site of the function declared at `fn` (by name), for factories called per request. */
export function callsOf(j: JSCodeshift, root: Collection, fn: ASTPath<any>): ASTPath<any>[] {
  const name = declaredName(fn);
  if (!name) return [];
  return referencesTo(j, root, name.binding, name.name).filter((ref) => ref.parent?.node.type === "CallExpression" && ref.parent.node.callee === ref.node).map((ref) => ref.parent!);
}

/** `new Name(...)` sites of the class declared at `cls`. */
export function instantiationsOf(j: JSCodeshift, root: Collection, cls: ASTPath<any>): ASTPath<any>[] {
  const name = cls.node.id?.name ?? (cls.parent?.node.type === "VariableDeclarator" ? cls.parent.node.id.name : undefined);
  if (!name) return [];
  return root
    .find(j.NewExpression, { callee: { type: "Identifier", name } })
    .paths()
    .filter((p) => resolveName(p.get("callee"), name)?.declarator?.node === (cls.node.type === "ClassDeclaration" ? cls.node : cls.parent?.node));
}

/** True when the call's result is kept beyond the calling function (memoised, stored, returned). */
export function resultOutlivesCall(call: ASTPath<any>): boolean {
  const { parent, child } = outerExpression(call);
  const node = parent?.node;
  if (!node) return false;
  if (node.type === "ReturnStatement" || (node.type === "ArrowFunctionExpression" && node.body === child.node)) return true;
  if (node.type === "AssignmentExpression" && node.right === child.node) {
    return node.left.type !== "Identifier" || resolveName(parent!, node.left.name)?.scope.node !== enclosingFunction(call)?.node;
  }
  if (node.type === "LogicalExpression") return resultOutlivesCall(parent!);
  return false;
}

/** The path of `fn` seen through `await`/parentheses, with its parent. */
function outerExpression(path: ASTPath<any>): { parent: ASTPath<any> | undefined; child: ASTPath<any> } {
  let child = path;
  while (child.parent && /^(ParenthesizedExpression|AwaitExpression|TSAsExpression|TSNonNullExpression)$/.test(child.parent.node.type)) child = child.parent;
  return { parent: child.parent ?? undefined, child };
}

/** The name a function is bound to: `function f`, `const f = () => ...`. */
function declaredName(fn: ASTPath<any>): { name: string; binding: any } | undefined {
  if (fn.node.type === "FunctionDeclaration" && fn.node.id) return { name: fn.node.id.name, binding: fn.node };
  const parent = fn.parent?.node;
  if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier" && parent.init === fn.node) return { name: parent.id.name, binding: parent };
  return undefined;
}

/** References to `name` that resolve to the declaration `binding`. */
function referencesTo(j: JSCodeshift, root: Collection, binding: any, name: string): ASTPath<any>[] {
  return root
    .find(j.Identifier, { name })
    .paths()
    .filter((p) => isReference(p) && resolveName(p, name)?.declarator?.node === binding);
}

/** `export function`, `export const f = ...`, `export default`, `export { f }`, `module.exports = f`, `exports.f = f`. */
function isExported(j: JSCodeshift, root: Collection, fn: ASTPath<any>): boolean {
  for (let p = fn.parent; p; p = p.parent) {
    if (/^Export/.test(p.node.type)) return true;
    if (p.node.type === "Program" || isFunctionNode(p.node)) break;
  }
  const name = declaredName(fn)?.name;
  if (!name) return false;
  if (root.find(j.ExportSpecifier, { local: { name } }).size() > 0) return true;
  return root
    .find(j.AssignmentExpression)
    .some((p) => isCommonJsExport(p.node.left) && mentions(p.node.right, name));
}

function isCommonJsExport(left: any): boolean {
  const text = left.type === "MemberExpression" ? dottedName(left) : undefined;
  return Boolean(text && /^(module\.exports|exports)(\.\w+)?$/.test(text));
}

/** `f`, `{ f }`, `{ handler: f }`. */
function mentions(node: any, name: string): boolean {
  if (node.type === "Identifier") return node.name === name;
  return node.type === "ObjectExpression" && node.properties.some((p: any) => p.value?.type === "Identifier" && p.value.name === name);
}

export { atModuleLevel };
