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

/** Prints the edited AST with the original's quote style. */
export function printSource(root: Collection, original: string): string {
  return root.toSource({ quote: dominantQuote(original) });
}
