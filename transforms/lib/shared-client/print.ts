/**
 * Printing quirks that hit handler files: recast prints a freshly built `const { a } = require("x")`
 * over three lines, and a removed statement can take with it the `;` that kept the next line from
 * continuing the one before (`;[a, b].forEach(...)` in a file written without semicolons).
 */
import type { Collection, JSCodeshift } from "jscodeshift";
import { dominantQuote, usesSemicolons } from "../edit/print.js";

/**
 * Reprints one-line `const { name } = require("x")` declarations that were just built (they have
 * no position), ending them like the file's statements.
 */
export function compactRequires(j: JSCodeshift, root: Collection, specifier: string, source: string): void {
  const quote = dominantQuote(source) === "single" ? "'" : '"';
  const end = usesSemicolons(source) ? ";" : "";
  root.find(j.VariableDeclaration).forEach((p) => {
    const [d] = p.node.declarations as any[];
    const init = d?.init;
    if (p.node.loc || p.node.declarations.length !== 1 || d.id.type !== "ObjectPattern" || init?.type !== "CallExpression" || init.arguments[0]?.value !== specifier) return;
    const names = d.id.properties.map((prop: any) => (prop.key.name === prop.value.name ? prop.key.name : `${prop.key.name}: ${prop.value.name}`));
    const text = `const { ${names.join(", ")} } = require(${quote}${specifier.replace(/[\\'"]/g, "\\$&")}${quote})${end}`;
    const compact = j(text).find(j.VariableDeclaration).get().node;
    // A file header moved onto the new require stays with it.
    compact.comments = p.node.comments;
    p.replace(compact);
  });
}

/** A line starting like this continues the statement before it unless a `;` ends that one. */
const HAZARD = /^[([`+\-/]/;
const GUARD = "__redisCodemodsAsiGuard__";
const END = "__redisCodemodsNoSemicolon__";
/** Statements that end where ASI ends them: the next line may continue them. */
const OPEN_ENDED = new Set(["ExpressionStatement", "VariableDeclaration", "ReturnStatement", "ThrowStatement", "ExportDefaultDeclaration", "ExportNamedDeclaration", "ClassProperty", "PropertyDefinition"]);
const LISTS: Array<[string, string]> = [["Program", "body"], ["BlockStatement", "body"], ["StaticBlock", "body"], ["SwitchCase", "consequent"]];

/**
 * Marks each statement that starts with `(`, `[`, `` ` ``, `+`, `-` or `/` and, after the edits,
 * follows a statement that no longer ends with a `;` — because the statement that carried the `;`
 * was removed, a `try` around it was unwrapped, or (in a file without semicolons) a new statement
 * now stands before it. `restoreAsiGuards` turns each mark into a leading `;` after printing.
 * Before: `const v = await r.get(k)\n  await r.quit()\n  ;[a, b].forEach(f)`
 * After:  `const v = await redis.get(k)\n  ;[a, b].forEach(f)` (not `... redis.get(k)\n  [a, b]...`)
 */
export function markAsiHazards(j: JSCodeshift, root: Collection, source: string): void {
  const semicolonFree = !usesSemicolons(source);
  const present = (node: any) => node.type !== "EmptyStatement" || node.comments?.length;
  for (const [type, field] of LISTS) {
    root.find((j as any)[type]).forEach((p: any) => {
      // Recast drops empty statements (a lone `;`) when it reprints a list.
      const list: any[] = (p.node[field] ?? []).filter(present);
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1];
        const node = list[i];
        if (typeof node.start !== "number" || !HAZARD.test(source.slice(node.start, node.start + 1))) continue;
        if (needsGuard(before, node, source, semicolonFree)) node.comments = [...(node.comments ?? []), j.commentBlock(GUARD, true, false)];
      }
      // A new statement of a file without semicolons ends without one, even before a comment line
      // (which printSource takes for a line that could continue the statement).
      if (semicolonFree) for (const node of list) if (typeof node.start !== "number") node.comments = [...(node.comments ?? []), j.commentBlock(END, false, true)];
    });
  }
}

function needsGuard(before: any, node: any, source: string, semicolonFree: boolean): boolean {
  // A new statement: recast ends it with `;`, which a file without semicolons writes before the next line instead.
  if (typeof before.start !== "number" || typeof before.end !== "number") return semicolonFree;
  if (!OPEN_ENDED.has(before.type) || (before.type === "ExportNamedDeclaration" && before.declaration?.type !== "VariableDeclaration")) return false;
  if (before.type === "ExportDefaultDeclaration" && /Declaration$/.test(before.declaration?.type ?? "")) return false;
  if (source.slice(before.start, before.end).endsWith(";")) return false;
  // Neighbours in the original too: nothing between them was removed, so whatever kept them apart still does.
  const between = source.slice(before.end, node.start).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
  return between.trim() !== "";
}

/**
 * Turns each mark `markAsiHazards` left into a `;` that starts the statement's line. In a file
 * without semicolons, the `;` recast ended the statement before with goes: the guard separates
 * them; so does the `;` of each new statement.
 */
export function restoreAsiGuards(printed: string, source: string): string {
  const semicolonFree = !usesSemicolons(source);
  const mark = `/*${GUARD}*/`;
  let out = printed.split(`/*${END}*/`).map((part, i, parts) => (i < parts.length - 1 ? part.replace(/;?[ \t]*$/, "") : part)).join("");
  for (let at = out.indexOf(mark); at !== -1; at = out.indexOf(mark)) {
    const lineStart = out.lastIndexOf("\n", at - 1) + 1;
    const line = out.slice(lineStart, at);
    const next = /^(\r?\n)([ \t]*)/.exec(out.slice(at + mark.length));
    if (!next) {
      out = `${out.slice(0, at)};${out.slice(at + mark.length).replace(/^[ \t]+/, "")}`;
      continue;
    }
    const [eolAndIndent, eol, indent] = next;
    const rest = out.slice(at + mark.length + eolAndIndent.length);
    if (line.trim() === "") {
      // The mark has its own line: the `;` takes its place at the start of the statement's line.
      let head = out.slice(0, lineStart);
      const previous = /([^\n]*)\n[\s]*$/.exec(head)?.[1] ?? "";
      if (semicolonFree && !/^\s*(\/\/|\/\*|\*)/.test(previous)) head = head.replace(/;([ \t]*(?:\r?\n[ \t]*)*)$/, "$1");
      out = `${head}${indent};${rest}`;
    } else {
      // Recast joined the statement before and the mark: the guarded statement gets its own line.
      let code = line.replace(/[ \t]+$/, "");
      if (semicolonFree) code = code.replace(/;$/, "");
      out = `${out.slice(0, lineStart)}${code}${eol}${indent};${rest}`;
    }
  }
  return out;
}
