/**
 * How the file is written, so generated SCAN code reads as if its author wrote it: quote
 * character, semicolons or not, indentation unit, TypeScript annotations.
 */
import { dominantQuote, indentUnit, usesSemicolons } from "../edit/print.js";

export interface CodeStyle {
  quote: "'" | '"';
  /** ";" or "" (semicolon-free files). */
  semi: string;
  /** One level of indentation: two or four spaces, or a tab. */
  indent: string;
  typescript: boolean;
}

/** Marker left in generated text where a statement-leading `;` guards against ASI (semicolon-free files). */
export const ASI_MARKER = "/*redis-codemods:asi*/";

/** The file's conventions, guessed from its text. */
export function codeStyle(source: string, file: string): CodeStyle {
  return {
    quote: dominantQuote(source) === "single" ? "'" : '"',
    semi: usesSemicolons(source) ? ";" : "",
    indent: indentUnit(source),
    typescript: /\.[cm]?tsx?$/i.test(file),
  };
}

/** Final touch on printed text: `(` + ASI marker becomes `;(`. */
export function finishPrinted(text: string): string {
  return text.split(`(${ASI_MARKER}`).join(";(");
}
