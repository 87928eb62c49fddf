/**
 * Workarounds for two recast printing quirks that hit CommonJS handler files, kept here until a
 * shared home exists:
 * - a Program whose body changed is reprinted with a second `;` after a `"use strict";` directive
 *   and without the blank line that followed it;
 * - a freshly built `const { a } = require("x")` prints its pattern over three lines.
 */
import type { Collection, JSCodeshift } from "jscodeshift";
import { dominantQuote, printSource } from "../edit/print.js";

/** printSource, with the file's directive prologue printed exactly as it was. */
export function printKeepingDirectives(root: Collection, source: string): string {
  let out = printSource(root, source);
  const program = root.get().node.program ?? root.get().node;
  for (const directive of program.directives ?? []) {
    if (typeof directive.start !== "number" || typeof directive.end !== "number") continue;
    const text = source.slice(directive.start, directive.end);
    const after = source.slice(directive.end).match(/^[ \t]*(\r?\n)+/)?.[0];
    const at = out.indexOf(text);
    if (at === -1 || !text.endsWith(";")) continue;
    const rest = out.slice(at + text.length).replace(/^;/, "");
    out = out.slice(0, at) + text + (after && !rest.startsWith(after) ? after + rest.replace(/^[ \t]*\r?\n/, "") : rest);
  }
  return out;
}

/** Reprints one-line `const { name } = require("x")` declarations that were just built (they have no position). */
export function compactRequires(j: JSCodeshift, root: Collection, specifier: string, source: string): void {
  const quote = dominantQuote(source) === "single" ? "'" : '"';
  root.find(j.VariableDeclaration).forEach((p) => {
    const [d] = p.node.declarations as any[];
    const init = d?.init;
    if (p.node.loc || p.node.declarations.length !== 1 || d.id.type !== "ObjectPattern" || init?.type !== "CallExpression" || init.arguments[0]?.value !== specifier) return;
    const names = d.id.properties.map((prop: any) => (prop.key.name === prop.value.name ? prop.key.name : `${prop.key.name}: ${prop.value.name}`));
    const text = `const { ${names.join(", ")} } = require(${quote}${specifier.replace(/[\\'"]/g, "\\$&")}${quote});`;
    p.replace(j(text).find(j.VariableDeclaration).get().node);
  });
}
