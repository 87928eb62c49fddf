/**
 * Where a name in a key expression comes from, within one file: a variable and its initialiser,
 * a loop variable, a function parameter, an import, a function. Pure lookups over ast-types scopes.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";

export type Binding =
  | { kind: "variable"; name: string; declarator: ASTPath<any>; init?: ASTPath<any>; loopOver?: ASTPath<any>; destructured: boolean; constant: boolean }
  | { kind: "param"; name: string; fn: ASTPath<any>; index: number }
  | { kind: "function"; name: string; fn: ASTPath<any> }
  | { kind: "import"; name: string; source: string }
  | { kind: "unknown"; name: string };

const TYPE_WRAPPERS = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "TypeCastExpression", "ParenthesizedExpression"]);

/** The path without type-only wrappers (`x as string`, `x!`, `(x)`). */
export function unwrapPath(path: ASTPath<any>): ASTPath<any> {
  let p = path;
  while (p.node && TYPE_WRAPPERS.has(p.node.type)) p = p.get("expression");
  return p;
}

/** Same for bare nodes. */
export function unwrapNode(node: any): any {
  let n = node;
  while (n && TYPE_WRAPPERS.has(n.type)) n = n.expression;
  return n;
}

/** The declaration an identifier refers to. */
export function bindingOf(j: JSCodeshift, root: Collection, id: ASTPath<any>): Binding {
  const name: string = id.node.name;
  const scope = id.scope?.lookup(name);
  const declared = declarationOf(id);
  if (!scope || !declared) return { kind: "unknown", name };
  const parent = declared.parent;
  if (!parent) return { kind: "unknown", name };
  const pnode = parent.node;
  if (pnode.type === "VariableDeclarator") return variableBinding(j, root, name, scope, parent, pnode.id === declared.node);
  const declarator = enclosingDeclarator(declared);
  if (declarator) return variableBinding(j, root, name, scope, declarator, false);
  if (/Import(Default|Namespace)?Specifier/.test(pnode.type)) return { kind: "import", name, source: String(parent.parent?.node.source?.value ?? "") };
  if (/Function/.test(pnode.type) && pnode.id === declared.node) return { kind: "function", name, fn: parent };
  if (/Function|Method/.test(pnode.type) && declared.parentPath?.name === "params") return { kind: "param", name, fn: parent, index: Number(declared.name) };
  if (pnode.type === "AssignmentPattern" && parent.parentPath?.name === "params") return { kind: "param", name, fn: parent.parent, index: Number(parent.name) };
  return { kind: "unknown", name };
}

/**
 * The identifier that declares the name `id` refers to. ast-types scopes are per function, so
 * block-scoped twins (`const k` in two loops of one function) are told apart by their block.
 */
export function declarationOf(id: ASTPath<any>): ASTPath<any> | undefined {
  const name: string = id.node.name;
  const candidates: ASTPath<any>[] = id.scope?.lookup(name)?.getBindings()[name] ?? [];
  if (candidates.length <= 1) return candidates[0];
  const ancestors = new Set<any>();
  for (let p: ASTPath<any> | null = id; p; p = p.parent) ancestors.add(p.node);
  let best: { path: ASTPath<any>; depth: number } | undefined;
  for (const candidate of candidates) {
    const block = blockOf(candidate);
    if (!block || !ancestors.has(block.node)) continue;
    const depth = depthOf(block);
    if (!best || depth > best.depth) best = { path: candidate, depth };
  }
  return best?.path ?? candidates[0];
}

function blockOf(path: ASTPath<any>): ASTPath<any> | undefined {
  const isVar = (p: ASTPath<any>) => p.node.type === "VariableDeclaration" && p.node.kind === "var";
  let varDeclared = false;
  // A function's or class's own name belongs to the scope around it.
  const start = path.parent && /Function|Class/.test(path.parent.node.type) && path.parent.node.id === path.node ? path.parent.parent : path.parent;
  for (let p: ASTPath<any> | null = start; p; p = p.parent) {
    if (isVar(p)) varDeclared = true;
    const t = p.node.type;
    if (/Function|Program|Method/.test(t)) return p;
    if (!varDeclared && /^(BlockStatement|ForStatement|ForOfStatement|ForInStatement|SwitchStatement|CatchClause|StaticBlock)$/.test(t)) return p;
  }
  return undefined;
}

function depthOf(path: ASTPath<any>): number {
  let depth = 0;
  for (let p: ASTPath<any> | null = path; p; p = p.parent) depth++;
  return depth;
}

/** `const { a } = x` / `const [a, b] = x`: the declarator around a pattern element. */
function enclosingDeclarator(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    if (p.node.type === "VariableDeclarator") return p;
    if (!/Pattern$|Property$|RestElement/.test(p.node.type)) return undefined;
  }
  return undefined;
}

function variableBinding(j: JSCodeshift, root: Collection, name: string, scope: any, declarator: ASTPath<any>, direct: boolean): Binding {
  const declaration = declarator.parent;
  const loop = declaration?.parent?.node;
  const loopOver = (loop?.type === "ForOfStatement" || loop?.type === "ForInStatement") && loop.left === declaration.node ? declaration.parent.get("right") : undefined;
  const constant = declaration?.node.kind === "const" || !isReassigned(j, root, name, scope);
  const init = declarator.node.init ? declarator.get("init") : undefined;
  return { kind: "variable", name, declarator, init, loopOver, destructured: !direct, constant };
}

/** True when `name` (declared in `scope`) is assigned or updated after its declaration. */
export function isReassigned(j: JSCodeshift, root: Collection, name: string, scope: any): boolean {
  const assigned = (p: ASTPath<any>) => p.scope?.lookup(name) === scope;
  return (
    root.find(j.AssignmentExpression, { left: { type: "Identifier", name } }).some(assigned) ||
    root.find(j.UpdateExpression, { argument: { type: "Identifier", name } }).some(assigned)
  );
}

/** Every reference to the binding of `id` (not the declaration itself, not property names). */
export function referencesOf(j: JSCodeshift, root: Collection, id: ASTPath<any>): ASTPath<any>[] {
  const name: string = id.node.name;
  const scope = id.scope?.lookup(name);
  const declared = declarationOf(id)?.node;
  if (!scope || !declared) return [];
  return root
    .find(j.Identifier, { name })
    .filter((p) => p.node !== declared && isReference(p) && p.scope?.lookup(name) === scope && declarationOf(p)?.node === declared)
    .paths();
}

/** Identifiers that denote a value (not `obj.name`, not `{ name: v }` keys, not type names). */
function isReference(path: ASTPath<any>): boolean {
  const parent = path.parent?.node;
  if (!parent) return true;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === path.node && !parent.computed) return false;
  if ((parent.type === "ObjectProperty" || parent.type === "Property") && parent.key === path.node && !parent.computed && !parent.shorthand) return false;
  if (/^TS/.test(parent.type) && parent.type !== "TSAsExpression" && parent.type !== "TSNonNullExpression" && parent.type !== "TSSatisfiesExpression") return false;
  if (/Method|ClassProperty/.test(parent.type) && parent.key === path.node) return false;
  return true;
}

/** The name of a called function: `f` for `f()`, `obj.f` for `obj.f()`. */
export function calleeText(node: any): string {
  const n = unwrapNode(node);
  if (n?.type === "Identifier") return n.name;
  if (n?.type === "ThisExpression") return "this";
  if ((n?.type === "MemberExpression" || n?.type === "OptionalMemberExpression") && !n.computed) return `${calleeText(n.object)}.${n.property.name ?? "?"}`;
  if (n?.type === "CallExpression") return `${calleeText(n.callee)}()`;
  return "…";
}

/** True when the function is exported (ESM `export`, or named in `module.exports`/`exports.x`). */
export function isExported(j: JSCodeshift, root: Collection, name: string): boolean {
  const esm = root.find(j.ExportNamedDeclaration).some((p) => {
    const d = p.node.declaration as any;
    if (d?.id?.name === name) return true;
    if (d?.declarations?.some((v: any) => v.id?.name === name)) return true;
    return (p.node.specifiers ?? []).some((s: any) => s.local?.name === name);
  });
  if (esm || root.find(j.ExportDefaultDeclaration, { declaration: { name } }).size()) return true;
  return root.find(j.AssignmentExpression).some((p) => {
    const left = p.node.left as any;
    const right = p.node.right as any;
    const target = left.type === "MemberExpression" ? `${calleeText(left)}` : "";
    if (!/^(module\.exports|exports)(\.|$)/.test(target)) return false;
    if (right.type === "Identifier" && right.name === name) return true;
    return right.type === "ObjectExpression" && right.properties.some((pr: any) => pr.value?.type === "Identifier" && pr.value.name === name);
  });
}

/** What a function returns: the arrow's expression body, or each `return x` of its own body. */
export function returnedExpressions(j: JSCodeshift, fn: ASTPath<any>): ASTPath<any>[] {
  const body = fn.get("body");
  if (body.node.type !== "BlockStatement") return [body];
  const found: ASTPath<any>[] = [];
  j(body)
    .find(j.ReturnStatement)
    .forEach((ret) => {
      let owner: ASTPath<any> | null = ret.parent;
      while (owner && !/Function/.test(owner.node.type)) owner = owner.parent;
      if (owner?.node === fn.node && ret.node.argument) found.push(ret.get("argument"));
    });
  return found;
}

/** The name a function is known by in its file: its own id, or the variable it initialises. */
export function functionNameId(fn: ASTPath<any>): ASTPath<any> | undefined {
  const own = fn.node.id?.type === "Identifier" && /Function/.test(fn.node.type) ? fn.get("id") : undefined;
  if (own && fn.node.type === "FunctionDeclaration") return own;
  // `const load = function loader() {}` is called as `load()`: `loader` is only bound inside it.
  let p: ASTPath<any> | null = fn.parent;
  while (p && /^(TSAsExpression|TSSatisfiesExpression|TSNonNullExpression|ParenthesizedExpression)$/.test(p.node.type)) p = p.parent;
  return p?.node.type === "VariableDeclarator" && p.node.id.type === "Identifier" ? p.get("id") : own;
}

export interface FunctionCalls {
  /** The direct calls `f(...)` in the file. */
  calls: ASTPath<any>[];
  /** False when the function is also used as a value (passed on, stored), so some calls are out of sight. */
  complete: boolean;
  exported: boolean;
}

/** How a named function of the file is called there; undefined for a function without a name. */
export function callsOf(j: JSCodeshift, root: Collection, fn: ASTPath<any>): FunctionCalls | undefined {
  const nameId = functionNameId(fn);
  if (!nameId) return undefined;
  const refs = referencesOf(j, root, nameId);
  const calls = refs.map((r) => (r.parent?.node.type === "CallExpression" && r.parent.node.callee === r.node ? r.parent : undefined));
  return { calls: calls.filter((c): c is ASTPath<any> => Boolean(c)), complete: calls.every(Boolean), exported: isExported(j, root, nameId.node.name) };
}

/** The argument each call passes at `index`, or undefined when a spread hides which one it is. */
export function argumentsAt(calls: ASTPath<any>[], index: number): Array<ASTPath<any> | undefined> {
  return calls.map((c) => (c.node.arguments.slice(0, index + 1).some((a: any) => a.type === "SpreadElement") ? undefined : c.node.arguments[index] ? c.get("arguments", index) : undefined));
}

/**
 * How a finding names the function a parameter belongs to: `remember()`, `cache.fetch()` for a
 * method, `exports.getJson()`; "a callback" only for a function passed as an argument.
 */
export function functionLabel(fn: ASTPath<any>): string {
  const named = functionNameId(fn);
  if (named) return `${named.node.name}()`;
  const n = fn.node;
  const parent = fn.parent?.node;
  const keyName = (k: any) => (k?.type === "Identifier" ? k.name : typeof k?.value === "string" ? k.value : undefined);
  if (/Method$/.test(n.type) && keyName(n.key)) return `method ${keyName(n.key)}()`;
  if ((parent?.type === "ObjectProperty" || parent?.type === "Property" || parent?.type === "ClassProperty" || parent?.type === "PropertyDefinition") && parent.value === n && keyName(parent.key)) {
    return `method ${keyName(parent.key)}()`;
  }
  if (parent?.type === "AssignmentExpression" && parent.right === n) return `${calleeText(parent.left).replace(/^(module\.)?exports\./, "")}()`;
  if ((parent?.type === "CallExpression" || parent?.type === "NewExpression") && parent.arguments.includes(n)) return "a callback";
  return "an anonymous function";
}
