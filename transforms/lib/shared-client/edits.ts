/**
 * The edits in a handler file once its clients are hoisted: the construction goes, its uses point
 * at the imported shared client, per-call connect/close statements go, `try/finally` blocks that
 * only closed the client are simplified, and library imports nothing uses any more are dropped.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { patternNames } from "./ast.js";
import { importShared } from "./names.js";
import type { Binding } from "./sites.js";

/** Local names that only say "a client": uses are renamed to the shared export. Others keep an alias. */
const GENERIC_LOCALS = new Set(["r", "rc", "c", "cl", "cli", "client", "redis", "redisClient", "rClient", "rclient", "conn", "connection", "db", "ioredis", "io", "rdb", "rds"]);

export interface Hoist {
  binding: Binding;
  exportName: string;
  /** CommonJS shared module with node-redis: the first awaited connect becomes `await <name>Ready`. */
  readyName?: string;
}

/** Applies every hoist of the file, then imports what the rewritten code uses from `specifier`. */
export function applyHoists(j: JSCodeshift, root: Collection, hoists: Hoist[], specifier: string, esm: boolean, constructorNames: string[]): void {
  const placeholders = new Map<string, string>();
  const placeholder = (name: string) => {
    let p = placeholders.get(name);
    if (!p) placeholders.set(name, (p = `__redisCodemodsShared${placeholders.size}__`));
    return p;
  };
  const touchedTries = new Set<ASTPath<any>>();
  for (const h of hoists) {
    const client = placeholder(h.exportName);
    const ready = h.readyName ? placeholder(h.readyName) : undefined;
    let readyAwaited = false;
    const awaitReady = () => {
      if (!ready || readyAwaited) return undefined;
      readyAwaited = true;
      return j.expressionStatement(j.awaitExpression(j.identifier(ready)));
    };
    const rename = GENERIC_LOCALS.has(h.binding.name) || h.binding.name === h.exportName;
    if (rename) for (const ref of h.binding.refs) ref.node.name = client;
    const declaration = h.binding.declarator.parent;
    const readyFirst = h.binding.chainedConnect?.awaited ? awaitReady() : undefined;
    if (rename) removeDeclarator(j, h.binding.declarator, readyFirst);
    else {
      h.binding.declarator.get("init").replace(j.identifier(client));
      if (readyFirst) declaration.insertBefore(readyFirst);
    }
    for (const removal of h.binding.removals) {
      const replacement = removal.connect?.awaited ? awaitReady() : undefined;
      const tryStatement = finallyOwner(removal.statement);
      if (tryStatement) touchedTries.add(tryStatement);
      removeStatement(j, removal.statement, replacement);
    }
  }
  for (const t of touchedTries) simplifyTry(j, t);
  // Library imports go first, so a freed name (`const redis = require("redis")`) can be the new import's.
  for (const name of constructorNames) dropUnusedImport(j, root, name);
  const locals = new Map<string, string>();
  for (const name of [...placeholders.keys()].sort()) {
    const placeholder = placeholders.get(name)!;
    const uses = root.find(j.Identifier, { name: placeholder }).paths();
    locals.set(placeholder, importShared(j, root, { from: specifier, name, esm }, uses, new Set(locals.values())));
  }
  root.find(j.Identifier).forEach((p) => {
    const local = locals.get(p.node.name);
    if (local) p.node.name = local;
  });
}

/** Removes `const r = new Redis()` (one declarator of several, or the whole statement). */
function removeDeclarator(j: JSCodeshift, declarator: ASTPath<any>, replacement: any): void {
  const declaration = declarator.parent;
  if (declaration.node.declarations.length > 1) {
    declarator.prune();
    if (replacement) declaration.insertBefore(replacement);
    return;
  }
  removeStatement(j, declaration, replacement);
}

/** Removes a statement (or replaces it); where a statement is required, leaves an empty block. */
function removeStatement(j: JSCodeshift, statement: ASTPath<any>, replacement: any): void {
  const inList = typeof statement.name === "number";
  if (inList) moveComments(statement, ownLineTrailing(j, statement));
  if (replacement) statement.replace(replacement);
  else if (inList) statement.prune();
  else statement.replace(j.blockStatement([]));
}

/** The try statement whose `finally` block holds `statement` directly. */
function finallyOwner(statement: ASTPath<any>): ASTPath<any> | undefined {
  const block = statement.parent;
  const owner = block?.parent;
  return owner?.node.type === "TryStatement" && owner.node.finalizer === block.node ? owner : undefined;
}

/**
 * A `finally` left empty goes; a try left with neither catch nor finally is unwrapped into its
 * block when no declaration would clash, else kept as a plain block.
 * Before: `try { return await r.get(k); } finally { await r.quit(); }`  After: `return await redis.get(k);`
 */
function simplifyTry(j: JSCodeshift, tryPath: ASTPath<any>): void {
  const node = tryPath.node;
  if (!node.finalizer || node.finalizer.body.length > 0 || node.finalizer.comments?.length) return;
  node.finalizer = null;
  if (node.handler) return;
  const parent = tryPath.parent;
  const siblings: any[] | undefined = Array.isArray(parent?.node.body) ? parent.node.body : undefined;
  const inner = node.block.body;
  if (siblings && !clashes(inner, siblings.filter((s) => s !== node))) {
    if (node.comments?.length && inner[0]) inner[0].comments = [...node.comments.filter((c: any) => c.leading), ...(inner[0].comments ?? [])];
    tryPath.replace(...inner);
  } else {
    tryPath.replace(node.block);
  }
}

/** True when a name the try block declares also appears in the statements around it. */
function clashes(inner: any[], outer: any[]): boolean {
  const declared = inner.flatMap((s) => (s.type === "VariableDeclaration" ? s.declarations.flatMap((d: any) => patternNames(d.id)) : s.id?.name && /Declaration$/.test(s.type) ? [s.id.name] : []));
  return declared.some((name) => outer.some((s) => mentions(s, name)));
}

function mentions(node: any, name: string): boolean {
  if (!node || typeof node !== "object") return false;
  if (node.type === "Identifier" && node.name === name) return true;
  return Object.entries(node).some(([k, v]) => k !== "loc" && k !== "comments" && k !== "original" && (Array.isArray(v) ? v.some((c) => mentions(c, name)) : typeof v === "object" && mentions(v, name)));
}

/** Drops `import Redis from "ioredis"` / `const Redis = require("ioredis")` once nothing reads `name`. */
function dropUnusedImport(j: JSCodeshift, root: Collection, name: string): void {
  const uses = root.find(j.Identifier, { name }).filter((p) => !isImportBinding(p)).size();
  if (uses > 0) return;
  root.find(j.ImportDeclaration).forEach((p) => {
    const kept = (p.node.specifiers ?? []).filter((s: any) => s.local?.name !== name);
    if (kept.length === (p.node.specifiers ?? []).length) return;
    if (kept.length) p.node.specifiers = kept;
    else {
      keepComments(j, p);
      p.prune();
    }
  });
  root.find(j.VariableDeclarator).forEach((p) => {
    if (!isRequire(p.node.init)) return;
    if (p.node.id.type === "Identifier" && p.node.id.name === name) removeDeclaratorOnly(j, p);
    else if (p.node.id.type === "ObjectPattern") {
      const kept = p.node.id.properties.filter((prop: any) => !(prop.value?.type === "Identifier" && prop.value.name === name));
      if (kept.length === p.node.id.properties.length) return;
      if (kept.length) p.node.id.properties = kept;
      else removeDeclaratorOnly(j, p);
    }
  });
}

function removeDeclaratorOnly(j: JSCodeshift, p: ASTPath<any>): void {
  const declaration = p.parent;
  if (declaration.node.declarations.length > 1) p.prune();
  else {
    keepComments(j, declaration);
    declaration.prune();
  }
}

/**
 * Moves a removed top-level statement's leading comments (a file header), and the comments on
 * lines of their own after it, to the next statement.
 */
function keepComments(j: JSCodeshift, p: ASTPath<any>): void {
  moveComments(p, [...(p.node.comments ?? []).filter((c: any) => c.leading), ...ownLineTrailing(j, p)]);
}

/**
 * Comments on lines of their own after the code of a statement: they introduce what follows, yet
 * recast ties them to the statement (or its last expression) when a `;` stands between them and
 * the next statement.
 * Before: `await c.connect()\n// the latest\n;(await c.lRange(k, 0, 9)).forEach(f)`
 */
function ownLineTrailing(j: JSCodeshift, statement: ASTPath<any>): any[] {
  // Where the statement's code ends (its `;` aside): a comment inside the code stays with it.
  let end = { offset: -1, line: 0 };
  j(statement)
    .find(j.Node)
    .forEach((p) => {
      const node: any = p.node;
      if (p !== statement && typeof node.end === "number" && node.end > end.offset && node.loc) end = { offset: node.end, line: node.loc.end.line };
    });
  const found: any[] = [];
  const collect = (node: any) => {
    for (const c of node.comments ?? []) if (c.trailing && c.loc && typeof c.start === "number" && c.start > end.offset && c.loc.start.line > end.line) found.push(c);
  };
  collect(statement.node);
  j(statement).find(j.Node).forEach((p) => collect(p.node));
  return end.offset === -1 ? [] : found;
}

/** Gives `comments` found in the statement at `p` to the statement after it, as leading comments. */
function moveComments(p: ASTPath<any>, comments: any[]): void {
  const body: any[] | undefined = p.parent?.node.body ?? p.parent?.node.consequent;
  const next = body ? body[body.indexOf(p.node) + 1] : undefined;
  if (!comments.length || !next) return;
  for (const c of comments) {
    delete c.loc;
    c.leading = true;
    c.trailing = false;
  }
  next.comments = [...comments, ...(next.comments ?? [])];
}

function isRequire(init: any): boolean {
  while (init?.type === "MemberExpression") init = init.object;
  return init?.type === "CallExpression" && init.callee.type === "Identifier" && init.callee.name === "require";
}

function isImportBinding(p: ASTPath<any>): boolean {
  const parent = p.parent?.node;
  if (/^Import/.test(parent?.type)) return true;
  if (parent?.type === "VariableDeclarator" && parent.id === p.node && isRequire(parent.init)) return true;
  const grand = p.parent?.parent?.node;
  return (parent?.type === "ObjectProperty" || parent?.type === "Property") && grand?.type === "ObjectPattern" && isRequire(p.parent.parent.parent?.node.init);
}
