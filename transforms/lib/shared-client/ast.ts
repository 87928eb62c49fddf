/**
 * Name resolution and small AST predicates for shared-client. ast-types' scopes treat `let`/`const`
 * as function-scoped; handlers often declare `const r = new Redis()` in several blocks of one
 * function, so declarations are resolved here block by block.
 */
import type { ASTNode, ASTPath } from "jscodeshift";

export type DeclarationKind = "param" | "const" | "let" | "var" | "function" | "class" | "import" | "catch";

export interface Declaration {
  kind: DeclarationKind;
  /** The node that introduces the name's scope (function, block, program, catch clause, loop). */
  scope: ASTPath<any>;
  /** The VariableDeclarator, ImportDeclaration, function or class declaring the name (absent for params). */
  declarator?: ASTPath<any>;
  /** True when the scope node is the Program. */
  moduleLevel: boolean;
  /** True when the declaring scope lies inside `boundary` (a name local to the expression itself). */
  internal: boolean;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);
const LOOP_TYPES = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);
/** Array methods whose callback runs once per element. */
const ITERATING_METHODS = new Set(["forEach", "map", "flatMap", "filter", "reduce", "some", "every", "find", "findIndex"]);

export function isFunctionNode(node: any): boolean {
  return Boolean(node) && FUNCTION_TYPES.has(node.type);
}

/** The nearest function enclosing `path` (not `path` itself), or undefined at module level. */
export function enclosingFunction(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let p = path.parent; p; p = p.parent) if (isFunctionNode(p.node)) return p;
  return undefined;
}

/** True when the path is inside a loop, or inside an iterating callback (`items.map(...)`), below `fn`. */
export function insideLoop(path: ASTPath<any>, fn: ASTPath<any>): boolean {
  for (let p = path.parent; p && p !== fn; p = p.parent) if (LOOP_TYPES.has(p.node.type)) return true;
  const call = fn.parent?.node;
  const callee = call?.type === "CallExpression" ? call.callee : undefined;
  return callee?.type === "MemberExpression" && !callee.computed && ITERATING_METHODS.has(callee.property.name) && call.arguments.includes(fn.node);
}

/** Every name a binding pattern introduces: `a`, `{ a, b: [c] }`, `...d`, `e = 1`. */
export function patternNames(node: any): string[] {
  if (!node) return [];
  switch (node.type) {
    case "Identifier":
      return [node.name];
    case "ObjectPattern":
      return node.properties.flatMap((p: any) => patternNames(p.type === "RestElement" ? p.argument : p.value));
    case "ArrayPattern":
      return node.elements.flatMap((e: any) => patternNames(e));
    case "AssignmentPattern":
      return patternNames(node.left);
    case "RestElement":
      return patternNames(node.argument);
    case "TSParameterProperty":
      return patternNames(node.parameter);
    default:
      return [];
  }
}

/** Where `name`, referenced at `path`, is declared; undefined for globals. `boundary` marks `internal` declarations. */
export function resolveName(path: ASTPath<any>, name: string, boundary?: ASTNode): Declaration | undefined {
  let crossed = false;
  for (let p: ASTPath<any> | null = path; p; p = p.parent) {
    const found = declarationIn(p, name);
    if (found) return { ...found, scope: p, moduleLevel: p.node.type === "Program", internal: Boolean(boundary) && !crossed };
    if (boundary && p.node === boundary) crossed = true;
  }
  return undefined;
}

/** The declaration of `name` that `scopePath` itself introduces, if any. */
function declarationIn(scopePath: ASTPath<any>, name: string): Omit<Declaration, "scope" | "moduleLevel" | "internal"> | undefined {
  const node = scopePath.node;
  if (isFunctionNode(node)) {
    if (node.params.some((param: any) => patternNames(param).includes(name))) return { kind: "param" };
    if (node.type === "FunctionExpression" && node.id?.name === name) return { kind: "function", declarator: scopePath };
    return undefined;
  }
  if (node.type === "CatchClause") return node.param && patternNames(node.param).includes(name) ? { kind: "catch" } : undefined;
  if (node.type === "ForStatement" || node.type === "ForInStatement" || node.type === "ForOfStatement") {
    const init = node.type === "ForStatement" ? node.init : node.left;
    return init?.type === "VariableDeclaration" ? declaratorIn(scopePath.get(node.type === "ForStatement" ? "init" : "left"), name) : undefined;
  }
  if (node.type !== "BlockStatement" && node.type !== "Program" && node.type !== "StaticBlock") return undefined;
  let found: ReturnType<typeof declarationIn>;
  scopePath.get("body").each((stmt: ASTPath<any>) => {
    found ??= statementDeclares(stmt, name);
  });
  return found;
}

function statementDeclares(stmt: ASTPath<any>, name: string): ReturnType<typeof declarationIn> {
  let node = stmt.node;
  let path = stmt;
  if ((node.type === "ExportNamedDeclaration" || node.type === "ExportDefaultDeclaration") && node.declaration) {
    path = stmt.get("declaration");
    node = path.node;
  }
  if (node.type === "VariableDeclaration") return declaratorIn(path, name);
  if ((node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") && node.id?.name === name) {
    return { kind: node.type === "FunctionDeclaration" ? "function" : "class", declarator: path };
  }
  if (node.type === "ImportDeclaration" && node.specifiers?.some((s: any) => s.local?.name === name)) return { kind: "import", declarator: path };
  return undefined;
}

function declaratorIn(declaration: ASTPath<any>, name: string): ReturnType<typeof declarationIn> {
  let found: ReturnType<typeof declarationIn>;
  declaration.get("declarations").each((d: ASTPath<any>) => {
    if (!found && patternNames(d.node.id).includes(name)) found = { kind: declaration.node.kind as DeclarationKind, declarator: d };
  });
  return found;
}

/** True when the Identifier at `path` reads a variable (not a property name, key, label or type). */
export function isReference(path: ASTPath<any>): boolean {
  const parent = path.parent?.node;
  const node = path.node;
  if (!parent) return false;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === node && !parent.computed) return false;
  if ((parent.type === "ObjectProperty" || parent.type === "Property" || parent.type === "ClassProperty" || parent.type === "ObjectMethod" || parent.type === "ClassMethod") && parent.key === node && !parent.computed) {
    return parent.shorthand === true && parent.value === node;
  }
  if (/^TS|Label|Import|Export/.test(parent.type) && parent.type !== "TSAsExpression" && parent.type !== "TSNonNullExpression" && parent.type !== "TSSatisfiesExpression") return false;
  if (parent.type === "VariableDeclarator" && parent.id === node) return false;
  if (isFunctionNode(parent) && (parent.params.includes(node) || parent.id === node)) return false;
  return true;
}

/** True when a declaration of `name` sits on the way from `path` up to (not including) `stop`. */
export function shadowedBetween(path: ASTPath<any>, name: string, stop: ASTNode): boolean {
  for (let p: ASTPath<any> | null = path; p && p.node !== stop; p = p.parent) {
    if (declarationIn(p, name)) return true;
  }
  return false;
}

/** True when nothing but Program lies above `path` (no enclosing function). */
export function atModuleLevel(path: ASTPath<any>): boolean {
  return enclosingFunction(path) === undefined;
}

/** Strips type-only and grouping wrappers: `x!`, `x as T`, `(x)`. */
export function unwrapExpression(path: ASTPath<any>): ASTPath<any> {
  let p = path;
  while (/^(TSNonNullExpression|TSAsExpression|TSSatisfiesExpression|TSTypeAssertion|ParenthesizedExpression)$/.test(p.node.type)) p = p.get("expression");
  return p;
}

/** The parent of `path` seen through type-only and grouping wrappers, with the child it holds. */
export function logicalParent(path: ASTPath<any>): { parent: ASTPath<any> | undefined; child: ASTPath<any> } {
  let child = path;
  while (child.parent && /^(TSNonNullExpression|TSAsExpression|TSSatisfiesExpression|TSTypeAssertion|ParenthesizedExpression)$/.test(child.parent.node.type)) child = child.parent;
  return { parent: child.parent ?? undefined, child };
}

/** `a.b.c` for member chains of identifiers, else undefined. */
export function dottedName(node: any): string | undefined {
  if (node?.type === "Identifier") return node.name;
  if (node?.type === "ThisExpression") return "this";
  if ((node?.type === "MemberExpression" || node?.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier") {
    const base = dottedName(node.object);
    return base ? `${base}.${node.property.name}` : undefined;
  }
  return undefined;
}

/** The name a called member or identifier is called by: `decorate` for `fastify.decorate(...)`. */
export function calleeName(callee: any): string | undefined {
  if (callee?.type === "Identifier") return callee.name;
  if ((callee?.type === "MemberExpression" || callee?.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier") return callee.property.name;
  return undefined;
}

/** The static string of a string literal or expression-free template. */
export function literalString(node: any): string | undefined {
  if (node?.type === "StringLiteral" || (node?.type === "Literal" && typeof node.value === "string")) return node.value;
  if (node?.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0].value.cooked ?? node.quasis[0].value.raw;
  return undefined;
}
