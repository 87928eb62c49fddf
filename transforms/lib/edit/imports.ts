/**
 * Edits that are safe to repeat: add a named import (or `require`) once, and pick identifiers
 * that clash with nothing in the file.
 */
import type { Collection, JSCodeshift } from "jscodeshift";

/** Every identifier name used anywhere in the file (bindings, references, properties). */
function namesIn(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.Identifier).forEach((p) => {
    names.add(p.node.name);
  });
  return names;
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
  const existing = existingLocal(j, root, spec);
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
  const imports = root.find(j.ImportDeclaration, { source: { value: spec.from } }).filter((p) => {
    const specifiers = p.node.specifiers ?? [];
    return (p.node as any).importKind !== "type" && specifiers.length > 0 && specifiers.every((s) => s.type === "ImportSpecifier");
  });
  if (imports.length) {
    imports.get().node.specifiers.push(j.importSpecifier(j.identifier(spec.name), alias));
    return true;
  }
  const requires = root.find(j.VariableDeclarator, { init: { type: "CallExpression", callee: { name: "require" } } }).filter((p) => {
    const init = p.node.init as any;
    return init.arguments[0]?.value === spec.from && p.node.id.type === "ObjectPattern";
  });
  if (!requires.length) return false;
  const property = j.objectProperty(j.identifier(spec.name), j.identifier(local));
  if (!alias) (property as any).shorthand = true;
  (requires.get().node.id as any).properties.push(property);
  return true;
}

function existingLocal(j: JSCodeshift, root: Collection, spec: NamedImport): string | undefined {
  let found: string | undefined;
  root.find(j.ImportDeclaration, { source: { value: spec.from } }).forEach((p) => {
    for (const s of p.node.specifiers ?? []) {
      if (s.type === "ImportSpecifier" && s.imported.name === spec.name) found ??= String(s.local?.name ?? spec.name);
    }
  });
  if (found) return found;
  root.find(j.VariableDeclarator, { init: { type: "CallExpression", callee: { name: "require" } } }).forEach((p) => {
    const init = p.node.init as any;
    if (init.arguments[0]?.value !== spec.from || p.node.id.type !== "ObjectPattern") return;
    for (const prop of p.node.id.properties as any[]) {
      if (prop.key?.name === spec.name && prop.value?.type === "Identifier") found ??= prop.value.name;
    }
  });
  return found;
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
