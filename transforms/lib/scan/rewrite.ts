/**
 * Applies a SCAN shape to one call site: builds the loop as template text in the file's style,
 * then swaps in the original client, pattern and reused statements. Before/After per shape is in
 * docs/transforms/keys-to-scan.md.
 */
import type { ASTNode, ASTPath, JSCodeshift } from "jscodeshift";
import { enclosingFunction, isPure, nameAllocator } from "./ast.js";
import { type Consumer, evaluatesClientRepeatedly, evaluatesTargetRepeatedly, type ScanSource, scanLoop } from "./sources.js";
import { ASI_MARKER, type CodeStyle } from "./style.js";
import { commentText, dropLeadingComments, expressionFrom, hole, indented, statementsFrom } from "./template.js";
import type { StreamUse, Use } from "./uses.js";

export interface Site {
  use: Use;
  /** Library, cluster, command and COUNT; client and target text are filled in here. */
  scan: Omit<ScanSource, "client" | "target">;
  /** The receiver of the original call, and its pattern (SCAN) or key (SSCAN). */
  client: ASTNode;
  target: ASTNode;
}

type Name = (base: string) => string;

/** Rewrites the site in the tree. */
export function applySite(j: JSCodeshift, site: Site, style: CodeStyle, source: string): void {
  const use = site.use;
  if (use.kind === "each" || use.kind === "delete") streamBatches(j, site, use, style, source);
  else if (use.kind === "collect") collectBefore(j, site, use, style, source);
  else collectInPromise(j, site, use.value, style);
}

/**
 * The loop, or delete, moves into the SCAN loop and runs per batch.
 * Before: `const keys = await r.keys(p); if (keys.length) await r.del(...keys)`
 * After: `…scan loop… { if (batch.length) await r.del(...batch) }`
 */
function streamBatches(j: JSCodeshift, site: Site, use: StreamUse, style: CodeStyle, source: string): void {
  const { semi } = style;
  const name = nameAllocator(j, enclosingFunction(use.statement).node);
  const { prelude, scan } = bindings(site, style, name);
  const reusedStatement = use.reuse === "statement";
  let batchName = "";
  const lines: string[] = [...carriedComments(use, source), ...prelude];
  let consumer: Consumer;
  if (use.kind === "each") {
    // SCAN may return a key more than once; the loop body should still see each key once.
    const sscan = site.scan.command === "SSCAN";
    const seen = name("seen");
    const fresh = name("fresh");
    const key = name(sscan ? "member" : "key");
    lines.push(`const ${seen} = new Set${generic(style)}()${semi} // ${sscan ? "SSCAN may return a member" : "SCAN may return a key"} more than once`);
    consumer = {
      batch: (batch) => {
        batchName = fresh;
        return [`const ${fresh} = ${batch}.filter((${key}) => !${seen}.has(${key}))${semi}`, `for (const ${key} of ${fresh}) ${seen}.add(${key})${semi}`, hole("BODY") + semi];
      },
    };
  } else {
    consumer = {
      batch: (batch) => {
        batchName = batch;
        return reusedStatement ? [hole("BODY") + semi] : [`if (${batch}.length) ${hole("BODY")}${semi}`];
      },
    };
  }
  lines.push(...scanLoop(scan, style, name, consumer));
  for (const ref of use.refs) ref.replace(j.identifier(batchName));
  const statement = use.statement.node;
  if (reusedStatement) dropLeadingComments(statement);
  const body = reusedStatement ? statement : (statement as any).expression;
  const built = statementsFrom(j, lines.join("\n"), { ...holes(site), BODY: body });
  use.statement.replace(...built);
  use.declaration?.prune();
}

/**
 * Collects the keys in a Set just before the statement that uses them.
 * Before: `return (await r.keys(p)).sort()`  After: `const found = new Set(); …loop…; return [...found].sort()`
 */
function collectBefore(j: JSCodeshift, site: Site, use: Extract<Use, { kind: "collect" }>, style: CodeStyle, source: string): void {
  const { at } = use;
  const scope = at.mode === "arrow" ? at.statement.node : enclosingFunction(at.statement).node;
  const name = nameAllocator(j, scope);
  const { found, lines } = collectingLines(site, style, name);
  const head = at.mode === "arrow" ? arrowHead(source, at.statement.node) : undefined;
  use.value.replace(expressionFrom(j, use.size ? `${found}.size` : `[...${found}]`));
  const subs = holes(site);
  if (at.mode === "before") {
    at.statement.insertBefore(...statementsFrom(j, lines.join("\n"), subs));
  } else if (at.mode === "block") {
    at.statement.replace(statementsFrom(j, ["{", ...indented(lines, style.indent), hole("BODY"), "}"].join("\n"), { ...subs, BODY: at.statement.node })[0]);
  } else {
    // The arrow is rebuilt from its own head text: recast would reprint a changed arrow and drop
    // the parentheses around a single parameter.
    const arrow = at.statement.node;
    const blockLines = ["{", ...indented([...lines, `return ${hole("BODY")}${style.semi}`], style.indent), "}"];
    const subsWithBody = { ...subs, BODY: arrow.body };
    if (head) at.statement.replace(expressionFrom(j, `${head} ${blockLines.join("\n")}`, subsWithBody));
    else at.statement.get("body").replace(statementsFrom(j, blockLines.join("\n"), subsWithBody)[0]);
  }
}

/** `async (x) =>` as written, up to and including the arrow, when the node still has its source positions. */
function arrowHead(source: string, arrow: any): string | undefined {
  if (typeof arrow.start !== "number" || typeof arrow.body?.start !== "number") return undefined;
  const text = source.slice(arrow.start, arrow.body.start);
  const at = text.lastIndexOf("=>");
  return at === -1 ? undefined : text.slice(0, at + 2);
}

/**
 * Where a promise of the keys is used, an async arrow collects them and resolves to the array.
 * Before: `r.keys(p).then(f)`  After: `(async () => { …; return [...found] })().then(f)`
 */
function collectInPromise(j: JSCodeshift, site: Site, value: ASTPath<any>, style: CodeStyle): void {
  const name = nameAllocator(j, enclosingFunction(value).node);
  const { found, lines } = collectingLines(site, style, name);
  const open = needsAsiGuard(value, style) ? `(${ASI_MARKER}async () => {` : "(async () => {";
  const code = [open, ...indented([...lines, `return [...${found}]${style.semi}`], style.indent), "})()"].join("\n");
  value.replace(expressionFrom(j, code, holes(site)));
}

function collectingLines(site: Site, style: CodeStyle, name: Name): { found: string; lines: string[] } {
  const { prelude, scan } = bindings(site, style, name);
  const found = name("found");
  const add = (k: string) => [`${found}.add(${k})${style.semi}`];
  const consumer: Consumer = {
    batch: (batch) => {
      const key = name("key");
      return [`for (const ${key} of ${batch}) ${found}.add(${key})${style.semi}`];
    },
    key: add,
  };
  const declare = `const ${found} = new Set${generic(style)}()${style.semi} // SCAN may return a key more than once`;
  return { found, lines: [...prelude, declare, ...scanLoop(scan, style, name, consumer)] };
}

/**
 * The client and pattern as the loop refers to them: in place when they are plain names or
 * literals; bound to a constant first when the loop would evaluate a call more than once.
 */
function bindings(site: Site, style: CodeStyle, name: Name): { prelude: string[]; scan: ScanSource } {
  const prelude: string[] = [];
  let client = hole("CLIENT");
  let target = hole("TARGET");
  if (!isPure(site.client) && evaluatesClientRepeatedly(site.scan)) {
    client = name("client");
    prelude.push(`const ${client} = ${hole("CLIENT")}${style.semi}`);
  }
  if (!isPure(site.target) && evaluatesTargetRepeatedly(site.scan)) {
    target = name(site.scan.command === "SCAN" ? "pattern" : "setKey");
    prelude.push(`const ${target} = ${hole("TARGET")}${style.semi}`);
  }
  return { prelude, scan: { ...site.scan, client, target } };
}

function holes(site: Site): Record<string, ASTNode> {
  return { CLIENT: site.client, TARGET: site.target };
}

/** Comments above the statements that go away, carried above the loop that replaces them. */
function carriedComments(use: StreamUse, source: string): string[] {
  const texts = [
    ...(use.declaration ? commentText(source, [use.declaration.node], true) : []),
    ...commentText(source, [use.statement.node], use.reuse === "expression"),
  ];
  return texts.flatMap((text) => text.split("\n").map((line, i) => (i === 0 ? line : line.replace(/^\s*/, (ws) => (ws.length ? " " : "")))));
}

function generic(style: CodeStyle): string {
  return style.typescript ? "<string>" : "";
}

/** In a semicolon-free file, a statement starting with `(` needs a leading `;` (ASI). */
function needsAsiGuard(value: ASTPath<any>, style: CodeStyle): boolean {
  if (style.semi) return false;
  let p = value;
  while (p.parent && ((p.parent.node.type === "CallExpression" && p.name === "callee") || (p.parent.node.type === "MemberExpression" && p.name === "object"))) p = p.parent;
  const statement = p.parent;
  if (statement?.node.type !== "ExpressionStatement" || p.name !== "expression") return false;
  return Array.isArray(statement.parentPath?.value) && (statement.name as number) > 0;
}
