/**
 * Questions about evaluation order and names that the SCAN rewrites ask before moving code:
 * can this expression be evaluated again or earlier, which function holds this node, which
 * names are free here. Pure predicates; nothing here mutates the tree.
 */
import type { ASTNode, ASTPath, JSCodeshift } from "jscodeshift";

const WRAPPERS = new Set(["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "ParenthesizedExpression", "TypeCastExpression", "TSTypeAssertion"]);
const LITERALS = /^(StringLiteral|NumericLiteral|BooleanLiteral|NullLiteral|BigIntLiteral|RegExpLiteral|Literal|ThisExpression|Super)$/;

/** True for expressions whose evaluation has no visible effect: names, literals, member reads, closures. */
export function isPure(node: any): boolean {
  if (!node) return true;
  if (LITERALS.test(node.type) || node.type === "Identifier") return true;
  if (WRAPPERS.has(node.type)) return isPure(node.expression);
  switch (node.type) {
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return true;
    case "TemplateLiteral":
      return node.expressions.every(isPure);
    case "MemberExpression":
    case "OptionalMemberExpression":
      return isPure(node.object) && (!node.computed || isPure(node.property));
    case "UnaryExpression":
      return node.operator !== "delete" && isPure(node.argument);
    case "BinaryExpression":
    case "LogicalExpression":
      return isPure(node.left) && isPure(node.right);
    case "ConditionalExpression":
      return isPure(node.test) && isPure(node.consequent) && isPure(node.alternate);
    case "ArrayExpression":
      return node.elements.every((e: any) => !e || (e.type !== "SpreadElement" && isPure(e)));
    case "ObjectExpression":
      return node.properties.every((p: any) => (p.type === "ObjectProperty" || p.type === "Property") && (!p.computed || isPure(p.key)) && isPure(p.value));
    default:
      return false;
  }
}

/** Every identifier name used under `node` (bindings, references and property names alike). */
export function namesUnder(j: JSCodeshift, node: ASTNode): Set<string> {
  const names = new Set<string>();
  j(node as any)
    .find(j.Identifier)
    .forEach((p) => {
      names.add(p.node.name);
    });
  if ((node as any).type === "Identifier") names.add((node as any).name);
  return names;
}

/**
 * Picks names for generated bindings: `base`, else `base2`, `base3`… — free in the whole
 * function that will hold them (so no reused expression or body is shadowed) and distinct
 * from each other.
 */
export function nameAllocator(j: JSCodeshift, scope: ASTNode): (base: string) => string {
  const used = namesUnder(j, scope);
  return (base) => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  };
}

/** The nearest enclosing function (or the Program) of a path. */
export function enclosingFunction(path: ASTPath<any>): ASTPath<any> {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    if (isFunctionNode(p.node) || p.node.type === "Program") return p;
  }
  return path;
}

export function isFunctionNode(node: any): boolean {
  return /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod|ClassPrivateMethod)$/.test(node?.type);
}

/** True when `path` sits directly in a statement list (block, program, switch case). */
export function inStatementList(path: ASTPath<any>): boolean {
  return Array.isArray(path.parentPath?.value) && (path.parentPath.name === "body" || path.parentPath.name === "consequent");
}

/** True when `inner` is `outer` or lies under it. */
export function isWithin(inner: ASTPath<any>, outer: ASTNode): boolean {
  for (let p: ASTPath<any> | null = inner; p; p = p.parent) if (p.node === outer) return true;
  return false;
}

/** `x.length` read (not assigned) on `path`'s value. */
export function isLengthRead(path: ASTPath<any>): boolean {
  const parent = path.parent?.node;
  if (!parent || (parent.type !== "MemberExpression" && parent.type !== "OptionalMemberExpression") || path.name !== "object") return false;
  if (parent.computed || parent.property.type !== "Identifier" || parent.property.name !== "length") return false;
  const grand = path.parent.parent?.node;
  return !(grand?.type === "AssignmentExpression" && path.parent.name === "left") && grand?.type !== "UpdateExpression";
}

/** Whether anything under `node` awaits or yields (lets other code, and Redis, move on meanwhile). */
export function suspends(j: JSCodeshift, node: ASTNode): boolean {
  return j(node as any).find(j.AwaitExpression).size() > 0 || j(node as any).find(j.YieldExpression).size() > 0 || (node as any).type === "AwaitExpression";
}

/** Names assigned (`x = …`, `x++`, `for (x of …)`) under `node`. */
export function assignedNames(j: JSCodeshift, node: ASTNode): Set<string> {
  const names = new Set<string>();
  j(node as any)
    .find(j.AssignmentExpression)
    .forEach((p) => {
      if (p.node.left.type === "Identifier") names.add(p.node.left.name);
    });
  j(node as any)
    .find(j.UpdateExpression)
    .forEach((p) => {
      if (p.node.argument.type === "Identifier") names.add(p.node.argument.name);
    });
  return names;
}
