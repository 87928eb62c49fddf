/**
 * KEYS in callback style — legacy node-redis v2/v3 (`client.keys(p, (err, keys) => …)`, its
 * promisified `keysAsync`) and ioredis' optional callback — becomes a call of a small helper
 * added to the file, which walks SCAN with callbacks and hands over the full, de-duplicated
 * array once, errors first, as KEYS did. The SCAN call itself stays at the call site, so its
 * pattern remains visible to later transforms.
 */
import type { ASTNode, ASTPath, JSCodeshift } from "jscodeshift";
import { enclosingFunction, nameAllocator } from "./ast.js";
import type { CodeStyle } from "./style.js";
import { expressionFrom, hole } from "./template.js";

export const HELPER_NAME = "scanKeys";

export interface CallbackSite {
  path: ASTPath<any>;
  client: ASTNode;
  pattern: ASTNode;
  /** The callback to call once with `(err, keys)`; absent when the caller wants a promise. */
  callback?: ASTNode;
}

/**
 * Before: `client.keys("job:*", function (err, keys) { … })`
 * After:  `scanKeys(function (cursor, callback) { client.scan(cursor, "MATCH", "job:*", "COUNT", 500, callback) }, function (err, keys) { … })`
 */
export function applyCallbackSite(j: JSCodeshift, site: CallbackSite, style: CodeStyle, helper: string, count: number): void {
  const { quote: q, semi, indent } = style;
  const name = nameAllocator(j, enclosingFunction(site.path).node);
  const cursor = name("cursor");
  const done = name("callback");
  // An arrow keeps the `this` and `arguments` the client or pattern read where KEYS was called.
  const page = readsFunctionContext(j, [site.client, site.pattern]) ? `(${cursor}, ${done}) => {` : `function (${cursor}, ${done}) {`;
  const code = [
    `${helper}(${page}`,
    `${indent}${hole("CLIENT")}.scan(${cursor}, ${q}MATCH${q}, ${hole("TARGET")}, ${q}COUNT${q}, ${count}, ${done})${semi}`,
    site.callback ? `}, ${hole("CALLBACK")})` : "})",
  ].join("\n");
  const subs: Record<string, ASTNode> = { CLIENT: site.client, TARGET: site.pattern };
  if (site.callback) subs.CALLBACK = site.callback;
  site.path.replace(expressionFrom(j, code, subs));
}

/** True when a node reads `this` or `arguments` of the function it is in (arrow functions inside it count too). */
function readsFunctionContext(j: JSCodeshift, nodes: ASTNode[]): boolean {
  return nodes.some((node) => j(node as any).find(j.ThisExpression).size() > 0 || j(node as any).find(j.Identifier, { name: "arguments" }).size() > 0 || (node as any).type === "ThisExpression");
}

/** The name of a helper a previous run added (same name and parameters), to reuse instead of adding another. */
export function existingHelper(j: JSCodeshift, root: ReturnType<JSCodeshift>): string | undefined {
  const program = root.get().node.program;
  const found = program.body.find(
    (s: any) => s.type === "FunctionDeclaration" && s.id?.name.startsWith(HELPER_NAME) && s.params.map((p: any) => p.name).join(",") === "scanPage,callback",
  );
  return found?.id.name;
}

/** The helper function's text, in the file's style, to append to the file (declarations are hoisted). */
export function helperText(style: CodeStyle, helper: string, modern: boolean): string {
  const { quote: q, semi: s } = style;
  const v = modern ? "const" : "var";
  const lines = [
    "/**",
    " * Every key of a SCAN walk, each once (SCAN may return a key more than once): the replacement",
    " * of KEYS, which blocks Redis while it reads the whole keyspace. `scanPage(cursor, cb)` sends",
    " * one SCAN; the keys go to `callback(err, keys)`, or to the returned promise without one.",
    " */",
    `function ${helper}(scanPage, callback) {`,
    "  if (!callback) {",
    "    return new Promise(function (resolve, reject) {",
    `      ${helper}(scanPage, function (err, keys) {`,
    `        if (err) reject(err)${s}`,
    `        else resolve(keys)${s}`,
    `      })${s}`,
    `    })${s}`,
    "  }",
    `  ${v} found = new Set()${s}`,
    "  function step(cursor) {",
    "    scanPage(cursor, function (err, reply) {",
    `      if (err) return callback(err)${s}`,
    "      reply[1].forEach(function (key) {",
    `        found.add(key)${s}`,
    `      })${s}`,
    `      if (String(reply[0]) === ${q}0${q}) return callback(null, Array.from(found))${s}`,
    `      step(reply[0])${s}`,
    `    })${s}`,
    "  }",
    `  step(${q}0${q})${s}`,
    "}",
  ];
  return lines.map((line) => line.replace(/^( {2})+/, (m) => style.indent.repeat(m.length / 2))).join("\n") + "\n";
}

/**
 * Appends the helper to printed text. Done on text because reprinting the Program through
 * recast mangles directives (`'use strict';` becomes `'use strict';;` and loses the blank line).
 */
export function appendHelper(printed: string, helper: string): string {
  return printed.replace(/\n*$/, "\n\n") + helper;
}

/**
 * The text of `var keysAsync = promisify(client.keys).bind(client);` once no call of it is left,
 * for removal from the printed file (on text, so the Program is not reprinted), else undefined.
 */
export function unusedBindingText(j: JSCodeshift, program: ASTNode, name: string, source: string): string | undefined {
  const uses = j(program as any).find(j.Identifier, { name });
  if (uses.size() !== 1) return undefined;
  const declarator = uses.paths()[0].parent;
  if (declarator?.node.type !== "VariableDeclarator" || declarator.node.id.name !== name) return undefined;
  const declaration = declarator.parent.node;
  if (declaration.declarations.length !== 1 || typeof declaration.start !== "number") return undefined;
  return source.slice(declaration.start, declaration.end);
}

/** Removes the line holding exactly `statement` (once, when it occurs once). */
export function removeStatementLine(printed: string, statement: string): string {
  const escaped = statement.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const line = new RegExp(`^[ \\t]*${escaped}[ \\t]*\\n`, "gm");
  const matches = printed.match(line);
  return matches?.length === 1 ? printed.replace(line, "") : printed;
}
