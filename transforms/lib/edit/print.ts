/**
 * Printing a changed file the way its author writes: recast keeps untouched code byte-exact,
 * and new string literals follow the file's dominant quote style.
 */
import type { Collection } from "jscodeshift";

/** "single" when the file's string literals mostly use single quotes, else "double". */
export function dominantQuote(source: string): "single" | "double" {
  const single = source.match(/'(?:[^'\\\n]|\\.)*'/g)?.length ?? 0;
  const double = source.match(/"(?:[^"\\\n]|\\.)*"/g)?.length ?? 0;
  return single > double ? "single" : "double";
}

/**
 * Prints the edited AST with the original's quote style (or `quote`, when the caller knows better
 * than a count over the raw text) and its directive prologue intact.
 */
export function printSource(root: Collection, original: string, quote: "single" | "double" = dominantQuote(original)): string {
  return keepDirectives(root.toSource({ quote }), root, original);
}

/**
 * Recast reprints a Program whose body changed with a second `;` after a `"use strict";`
 * directive and without the blank line that followed it; this puts the prologue back as written.
 */
function keepDirectives(printed: string, root: Collection, source: string): string {
  let out = printed;
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
