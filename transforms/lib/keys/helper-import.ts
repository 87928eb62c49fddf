/**
 * The key module's import in a rewritten file: found when present (under any specifier that
 * resolves to it), added once otherwise, under `key`/`keyPattern`/`glob` unless those names mean
 * something else where the calls go.
 *
 * The new declaration is written as text after printing. Inserting a statement into the Program
 * makes recast 0.23 reprint the whole statement list, which keeps the blank line after the last
 * import *before* the new one, prints `'use strict';;` for directive prologues and spreads every
 * new destructuring `require` over several lines. So `ensureNamedImport` decides (reuse, merge,
 * clashes), the new declaration is taken back out of the AST, and an equivalent line is placed in
 * the printed text.
 */
import { dirname, resolve } from "node:path";
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { ensureNamedImport, uniqueIdentifier } from "../edit/imports.js";
import { KEY_EXPORTS, type KeyExport } from "./module.js";

const FALLBACK_LOCALS: Record<KeyExport, string> = { key: "redisKey", keyPattern: "redisKeyPattern", glob: "keyGlob" };

export interface HelperImport {
  from: string;
  locals: Record<KeyExport, string>;
  /** The declaration added to the file, to be written by `insertImportText`. */
  inserted?: InsertedImport;
}

export interface InsertedImport {
  esm: boolean;
  from: string;
  /** exported name → local name */
  names: Array<[string, string]>;
}

/** Local names of the key module's exports already imported or required by the file. */
export function helperImports(j: JSCodeshift, root: Collection, file: string, modulePath: string): Map<KeyExport, string> {
  const locals = new Map<KeyExport, string>();
  const note = (imported: string, local: string) => {
    if ((KEY_EXPORTS as readonly string[]).includes(imported)) locals.set(imported as KeyExport, local);
  };
  root.find(j.ImportDeclaration).filter((p) => isKeyModule(file, modulePath, p.node.source.value)).forEach((p) => {
    for (const s of p.node.specifiers ?? []) if (s.type === "ImportSpecifier") note(String(s.imported.name), String(s.local?.name ?? s.imported.name));
  });
  requiresOf(j, root, file, modulePath).forEach((p) => {
    for (const prop of (p.node.id as any).properties) if (prop.key?.name && prop.value?.type === "Identifier") note(prop.key.name, prop.value.name);
  });
  return locals;
}

/**
 * Makes the needed helpers available: reuses imports, joins an existing import of the module,
 * else adds one (taken back out of the AST, see the file comment). `targets(name)` are where calls of `name` go.
 */
export function importHelpers(
  j: JSCodeshift,
  root: Collection,
  opts: { file: string; modulePath: string; specifier: string; esm: boolean; imported: Map<KeyExport, string>; needed: Set<KeyExport>; targets: (name: KeyExport) => ASTPath<any>[] },
): HelperImport {
  const from = existingSpecifier(j, root, opts.file, opts.modulePath) ?? opts.specifier;
  const before = [...programBody(root)];
  const locals = {} as Record<KeyExport, string>;
  for (const name of KEY_EXPORTS) {
    if (!opts.needed.has(name)) continue;
    const existing = opts.imported.get(name);
    if (existing) {
      locals[name] = existing;
      continue;
    }
    const wanted = isFreeAt(j, root, name, opts.targets(name)) ? name : uniqueIdentifier(j, root, FALLBACK_LOCALS[name]);
    const given = ensureNamedImport(j, root, { from, name, local: wanted, esm: opts.esm });
    if (given !== wanted) renameLocal(j, root, from, given, wanted);
    locals[name] = wanted;
  }
  return { from, locals, inserted: takeInsertedImport(root, before, from, opts.esm) };
}

/**
 * True when `name` can denote the helper wherever calls go: nothing binds it at module level or
 * around a target, and no code uses it as a global. (`ensureNamedImport` avoids every identifier
 * of the file, so a loop's `for (const key of batch)` elsewhere would otherwise cost `key2`.)
 */
function isFreeAt(j: JSCodeshift, root: Collection, name: string, targets: ASTPath<any>[]): boolean {
  const program = root.find(j.Program).paths()[0];
  if (program?.scope?.declares(name)) return false;
  if (targets.some((t) => t.scope?.lookup(name))) return false;
  return !root.find(j.Identifier, { name }).some((p) => isValueReference(p) && !p.scope?.lookup(name));
}

function isValueReference(p: ASTPath<any>): boolean {
  const parent = p.parent?.node;
  if (!parent) return true;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === p.node && !parent.computed) return false;
  if ((parent.type === "ObjectProperty" || parent.type === "Property" || /Method|ClassProperty/.test(parent.type)) && parent.key === p.node && !parent.computed && !parent.shorthand) return false;
  return !/^TS|Label|ImportSpecifier|ExportSpecifier/.test(parent.type);
}

/** Gives the specifier `ensureNamedImport` just added the local name decided here. */
function renameLocal(j: JSCodeshift, root: Collection, from: string, given: string, wanted: string): void {
  root.find(j.ImportDeclaration, { source: { value: from } }).forEach((p) => {
    for (const s of p.node.specifiers ?? []) if (s.type === "ImportSpecifier" && s.local?.name === given) s.local = j.identifier(wanted);
  });
  root.find(j.VariableDeclarator, { init: { type: "CallExpression", callee: { name: "require" } } }).forEach((p) => {
    if ((p.node.init as any).arguments[0]?.value !== from || p.node.id.type !== "ObjectPattern") return;
    for (const prop of p.node.id.properties as any[]) {
      if (prop.value?.type !== "Identifier" || prop.value.name !== given) continue;
      prop.value = j.identifier(wanted);
      prop.shorthand = prop.key.name === wanted;
    }
  });
}

/** The specifier an existing import of the key module uses, so new names join it. */
function existingSpecifier(j: JSCodeshift, root: Collection, file: string, modulePath: string): string | undefined {
  const specs = [
    ...root.find(j.ImportDeclaration).nodes().map((n) => n.source.value),
    ...root.find(j.CallExpression, { callee: { name: "require" } }).nodes().map((n) => (n.arguments[0] as any)?.value),
  ];
  return specs.find((s): s is string => isKeyModule(file, modulePath, s));
}

function requiresOf(j: JSCodeshift, root: Collection, file: string, modulePath: string) {
  return root
    .find(j.VariableDeclarator, { init: { type: "CallExpression", callee: { name: "require" } } })
    .filter((p) => p.node.id.type === "ObjectPattern" && isKeyModule(file, modulePath, (p.node.init as any).arguments[0]?.value));
}

/** True when `spec`, imported from `file`, names the key module. */
export function isKeyModule(file: string, modulePath: string, spec: unknown): spec is string {
  return typeof spec === "string" && spec.startsWith(".") && stripExtension(resolve(dirname(file), spec)) === stripExtension(modulePath);
}

function stripExtension(path: string): string {
  return path.replace(/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, "");
}

/** Removes the declarations added to the Program since `before` and describes them as one import. */
function takeInsertedImport(root: Collection, before: unknown[], from: string, esm: boolean): InsertedImport | undefined {
  const body = programBody(root);
  const added = body.filter((s) => !before.includes(s)) as any[];
  if (!added.length) return undefined;
  const names: Array<[string, string]> = [];
  for (const statement of added) {
    if (statement.type === "ImportDeclaration") {
      for (const s of statement.specifiers) names.push([s.imported.name, s.local?.name ?? s.imported.name]);
    } else {
      for (const p of statement.declarations[0].id.properties) names.push([p.key.name, p.value.name]);
    }
    body.splice(body.indexOf(statement), 1);
  }
  return { esm, from, names };
}

/**
 * Places the import after the file's last top-level import or require, else above its first
 * statement, ending it with `;` when the file writes them (`semicolons`, from `usesSemicolons` of
 * the file as the transform got it — not from the anchor, which an earlier transform may have
 * written in its own style).
 */
export function insertImportText(j: JSCodeshift, printed: string, quoteStyle: "single" | "double", imp: InsertedImport, semicolons: boolean): string {
  const top = j(printed).get().node;
  const program = top.program ?? top;
  const quote = quoteStyle === "single" ? "'" : '"';
  const anchor = [...program.body].reverse().find(isImportLike) as any;
  const line = render(imp, quote, semicolons ? ";" : "");
  if (anchor) return `${printed.slice(0, anchor.end)}\n${line}${printed.slice(anchor.end)}`;
  const first = program.body[0] as any;
  if (first) return `${printed.slice(0, first.start)}${line}\n\n${printed.slice(first.start)}`;
  const directives = program.directives ?? [];
  const end = directives.length ? directives[directives.length - 1].end : 0;
  return `${printed.slice(0, end)}${end ? "\n\n" : ""}${line}\n${printed.slice(end).replace(/^\n+/, "")}`;
}

function render(imp: InsertedImport, quote: string, semi: string): string {
  const spec = `${quote}${imp.from}${quote}`;
  if (imp.esm) return `import { ${imp.names.map(([n, l]) => (n === l ? n : `${n} as ${l}`)).join(", ")} } from ${spec}${semi}`;
  return `const { ${imp.names.map(([n, l]) => (n === l ? n : `${n}: ${l}`)).join(", ")} } = require(${spec})${semi}`;
}

function isImportLike(statement: any): boolean {
  if (statement.type === "ImportDeclaration") return true;
  if (statement.type !== "VariableDeclaration") return false;
  return statement.declarations.some((d: any) => {
    let init = d.init;
    while (init?.type === "MemberExpression") init = init.object;
    return init?.type === "CallExpression" && init.callee.type === "Identifier" && init.callee.name === "require";
  });
}

function programBody(root: Collection): unknown[] {
  const top = root.get().node;
  return (top.program ?? top).body;
}
