/**
 * Edits that are safe to repeat: add a named import (or `require`) once, and pick identifiers
 * that clash with nothing in the file.
 */
import type { Collection, JSCodeshift } from "jscodeshift";

/** Every name the file binds or references; property keys and member names are not bindings. */
function namesIn(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.Identifier).forEach((p) => {
    if (!isPropertyName(p)) names.add(p.node.name);
  });
  return names;
}

const KEYED = new Set(["ObjectProperty", "Property", "ObjectMethod", "ClassProperty", "ClassMethod", "ClassPrivateProperty", "TSPropertySignature", "TSMethodSignature"]);

/** `obj.name`, `{ name: v }`, `name() {}`: a name that is not a binding or reference. */
function isPropertyName(p: any): boolean {
  const parent = p.parent?.node;
  if (!parent || p.name !== (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression" ? "property" : "key")) return false;
  if (parent.computed) return false;
  if (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") return true;
  // A shorthand `{ name }` also references the binding `name`.
  return KEYED.has(parent.type) && !parent.shorthand;
}

/** `base`, or `base2`, `base3`… — the first name not used anywhere in the file nor in `taken`. */
export function uniqueIdentifier(j: JSCodeshift, root: Collection, base: string, taken: Iterable<string> = []): string {
  const used = namesIn(j, root);
  for (const t of taken) used.add(t);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

export interface NamedImport {
  /** The module specifier, e.g. `./redis/key.js`. */
  from: string;
  /** The exported name to import. */
  name: string;
  /** Preferred local name (defaults to `name`). */
  local?: string;
  esm: boolean;
}

/**
 * Makes `name` from `from` available in the file and returns the local name to use. Reuses an
 * existing import or require of it; otherwise adds one after the last import/require (or at the
 * top, after directives), renaming the local when it would clash.
 * Before: `import x from "y";`  After: `import x from "y";\nimport { key } from "./redis/key.js";`
 */
export function ensureNamedImport(j: JSCodeshift, root: Collection, spec: NamedImport): string {
  const existing = existingLocal(root, spec);
  if (existing) return existing;
  const wanted = spec.local ?? spec.name;
  const local = uniqueIdentifier(j, root, wanted);
  if (addToExistingImport(j, root, spec, local)) return local;
  const declaration = spec.esm ? esmImport(j, spec, local) : cjsRequire(j, spec, local);
  insertTopLevel(j, root, declaration);
  return local;
}

/**
 * A second name from an already imported module joins the existing declaration.
 * Before: `import { key } from "./k";`  After: `import { key, keyPattern } from "./k";`
 */
function addToExistingImport(j: JSCodeshift, root: Collection, spec: NamedImport, local: string): boolean {
  const alias = local === spec.name ? null : j.identifier(local);
  const esm = topLevelImports(root, spec.from).find((node) => {
    const specifiers = node.specifiers ?? [];
    return node.importKind !== "type" && specifiers.length > 0 && specifiers.every((s: any) => s.type === "ImportSpecifier");
  });
  if (esm) {
    esm.specifiers.push(j.importSpecifier(j.identifier(spec.name), alias));
    return true;
  }
  const required = topLevelRequires(root, spec.from)[0];
  if (!required) return false;
  const property = j.objectProperty(j.identifier(spec.name), j.identifier(local));
  if (!alias) (property as any).shorthand = true;
  required.id.properties.push(property);
  return true;
}

function existingLocal(root: Collection, spec: NamedImport): string | undefined {
  for (const node of topLevelImports(root, spec.from)) {
    for (const s of node.specifiers ?? []) {
      if (s.type === "ImportSpecifier" && s.imported.name === spec.name) return String(s.local?.name ?? spec.name);
    }
  }
  for (const declarator of topLevelRequires(root, spec.from)) {
    for (const prop of declarator.id.properties as any[]) {
      if (prop.key?.name === spec.name && prop.value?.type === "Identifier") return prop.value.name;
    }
  }
  return undefined;
}

/** Imports can only stand at the top level, so the Program body is searched rather than the whole tree. */
function topLevelImports(root: Collection, from: string): any[] {
  return programBody(root).filter((stmt) => stmt.type === "ImportDeclaration" && stmt.source.value === from);
}

/** Top-level `const { a } = require(from)` declarators. */
function topLevelRequires(root: Collection, from: string): any[] {
  return programBody(root)
    .filter((stmt) => stmt.type === "VariableDeclaration")
    .flatMap((stmt) => stmt.declarations)
    .filter((d: any) => d.id.type === "ObjectPattern" && d.init?.type === "CallExpression" && d.init.callee.type === "Identifier" && d.init.callee.name === "require" && d.init.arguments[0]?.value === from);
}

function programBody(root: Collection): any[] {
  const top = root.get().node;
  return (top.program ?? top).body;
}

function esmImport(j: JSCodeshift, spec: NamedImport, local: string) {
  const specifier = j.importSpecifier(j.identifier(spec.name), local === spec.name ? null : j.identifier(local));
  return j.importDeclaration([specifier], j.stringLiteral(spec.from));
}

function cjsRequire(j: JSCodeshift, spec: NamedImport, local: string) {
  const property = j.objectProperty(j.identifier(spec.name), j.identifier(local));
  if (local === spec.name) (property as any).shorthand = true;
  return j.variableDeclaration("const", [
    j.variableDeclarator(j.objectPattern([property]), j.callExpression(j.identifier("require"), [j.stringLiteral(spec.from)])),
  ]);
}

/** Inserts a declaration after the last top-level import or require, else after directives. */
function insertTopLevel(j: JSCodeshift, root: Collection, declaration: any): void {
  const program = root.get().node.program ?? root.get().node;
  const body: any[] = program.body;
  let index = -1;
  body.forEach((stmt, i) => {
    if (stmt.type === "ImportDeclaration" || isTopLevelRequire(stmt)) index = i;
  });
  if (index === -1) {
    index = body.findIndex((stmt) => !(stmt.type === "ExpressionStatement" && stmt.directive)) - 1;
    if (index < -1) index = body.length - 1;
    moveLeadingComments(body[index + 1], declaration);
  }
  body.splice(index + 1, 0, declaration);
}

function isTopLevelRequire(stmt: any): boolean {
  if (stmt.type !== "VariableDeclaration") return false;
  return stmt.declarations.some((d: any) => {
    let init = d.init;
    while (init?.type === "MemberExpression") init = init.object;
    return init?.type === "CallExpression" && init.callee.type === "Identifier" && init.callee.name === "require";
  });
}

/** A header comment stays at the top of the file when something is inserted before the first statement. */
function moveLeadingComments(from: any, to: any): void {
  if (!from?.comments?.length) return;
  const leading = from.comments.filter((c: any) => c.leading);
  if (!leading.length) return;
  from.comments = from.comments.filter((c: any) => !c.leading);
  for (const c of leading) delete c.loc;
  to.comments = leading;
}
