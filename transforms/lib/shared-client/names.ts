/**
 * The local name a handler file gives an export of the shared module. Only what would really
 * clash forces an alias: a binding that would shadow the import where it is used, a module-level
 * binding, or a reference to a global of that name. Property names (`{ redis: pong }`,
 * `res.redis`, a method `redis()`) bind nothing and are ignored.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { ensureNamedImport } from "../edit/imports.js";
import { enclosingFunction, isFunctionNode, patternNames, resolveName } from "./ast.js";

/**
 * Imports `name` from `specifier` for the identifiers in `uses` and returns the local name: the
 * one an existing import already has, else `name` unless it clashes, else `name2`, `name3`…
 * (never one of `taken`).
 * Before: `return { redis: pong }` made the import `{ redis as redis2 }`; now it is `{ redis }`.
 */
export function importShared(j: JSCodeshift, root: Collection, spec: { from: string; name: string; esm: boolean }, uses: ASTPath<any>[], taken: ReadonlySet<string>): string {
  const temporary = `__redisCodemodsLocal_${spec.name}__`;
  const existing = ensureNamedImport(j, root, { ...spec, local: temporary });
  if (existing !== temporary) return existing;
  let local = spec.name;
  for (let i = 2; taken.has(local) || clashes(j, root, local, uses); i++) local = `${spec.name}${i}`;
  renameImported(root, temporary, spec.name, local);
  return local;
}

/** True when importing `name` at module level would collide with, or be shadowed by, a binding or reference of the file. */
function clashes(j: JSCodeshift, root: Collection, name: string, uses: ASTPath<any>[]): boolean {
  // A declaration between a use and the module scope (or at module scope) hides the import there.
  if (uses.some((use) => resolveName(use, name))) return true;
  return root
    .find(j.Identifier, { name })
    .paths()
    .some((p) => {
      if (isPropertyName(p)) return false;
      const declaration = resolveName(p, name);
      // `var` and sloppy-mode function declarations belong to the whole function; a `var` in a nested block is found there.
      const scope = !declaration ? hoistedVarScope(p, name) : declaration.moduleLevel ? undefined : declaration.kind === "var" || declaration.kind === "function" ? enclosingFunction(declaration.declarator ?? p) : declaration.scope;
      // A global (`redis` used without a declaration) or a module-level binding clashes everywhere.
      return !scope || uses.some((use) => isInside(use, scope));
    });
}

/** The function whose body declares `var name` in a nested block (`if (x) { var name = 1 }`), seen from `path`. */
function hoistedVarScope(path: ASTPath<any>, name: string): ASTPath<any> | undefined {
  for (let fn = enclosingFunction(path); fn; fn = enclosingFunction(fn)) if (declaresVar(fn.node.body, name)) return fn;
  return undefined;
}

function declaresVar(node: any, name: string): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some((n) => declaresVar(n, name));
  if (isFunctionNode(node)) return false;
  if (node.type === "VariableDeclaration" && node.kind === "var" && node.declarations.some((d: any) => patternNames(d.id).includes(name))) return true;
  return Object.entries(node).some(([k, v]) => k !== "loc" && k !== "comments" && k !== "original" && typeof v === "object" && v !== null && declaresVar(v, name));
}

/** An Identifier that names a property, method, label or the other module's side of an import/export: no binding. */
function isPropertyName(path: ASTPath<any>): boolean {
  const parent = path.parent?.node;
  const node = path.node;
  if (!parent) return false;
  switch (parent.type) {
    case "MemberExpression":
    case "OptionalMemberExpression":
    case "TSQualifiedName":
      return (parent.property ?? parent.right) === node && !parent.computed;
    case "ObjectProperty":
    case "Property":
    case "ObjectMethod":
    case "ClassProperty":
    case "ClassPrivateProperty":
    case "ClassAccessorProperty":
    case "ClassMethod":
    case "ClassPrivateMethod":
    case "MethodDefinition":
    case "PropertyDefinition":
    case "TSPropertySignature":
    case "TSMethodSignature":
    case "TSAbstractPropertyDefinition":
    case "TSAbstractMethodDefinition":
      return parent.key === node && !parent.computed && !parent.shorthand;
    case "ImportSpecifier":
      return parent.imported === node && parent.local !== node;
    case "ExportSpecifier":
      return parent.exported === node && parent.local !== node;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return parent.label === node;
    case "MetaProperty":
      return true;
    default:
      return false;
  }
}

function isInside(path: ASTPath<any>, ancestor: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = path; p; p = p.parent) if (p.node === ancestor.node) return true;
  return false;
}

/** Gives the import or require just made under the temporary local name its real local name. */
function renameImported(root: Collection, temporary: string, imported: string, local: string): void {
  const program = root.get().node.program ?? root.get().node;
  for (const statement of program.body as any[]) {
    if (statement.type === "ImportDeclaration") {
      for (const s of statement.specifiers ?? []) if (s.type === "ImportSpecifier" && s.local?.name === temporary) s.local = { ...s.local, name: local };
    } else if (statement.type === "VariableDeclaration") {
      for (const d of statement.declarations) {
        if (d.id.type !== "ObjectPattern") continue;
        for (const prop of d.id.properties) {
          if (prop.value?.type !== "Identifier" || prop.value.name !== temporary) continue;
          prop.value = { ...prop.value, name: local };
          prop.shorthand = local === imported;
        }
      }
    }
  }
}
