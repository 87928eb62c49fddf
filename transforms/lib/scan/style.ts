/**
 * How the file is written, so generated SCAN code reads as if its author wrote it: quote
 * character, semicolons or not, indentation unit, TypeScript annotations.
 */
import { dominantQuote } from "../edit/print.js";

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

/** A semicolon-free file has almost no statement lines ending in `;`. */
function usesSemicolons(source: string): boolean {
  let withSemi = 0;
  let without = 0;
  for (const raw of source.split("\n")) {
    const line = raw.replace(/\s*\/\/.*$/, "").trimEnd();
    const trimmed = line.trimStart();
    if (!trimmed || /^(\*|\/\*|\/\/)/.test(trimmed)) continue;
    if (line.endsWith(";")) withSemi++;
    else if (/[\w)\]'"`]$/.test(line)) without++;
  }
  return withSemi > 0 && withSemi * 2 >= without;
}

/** The smallest indentation step used in the file (tabs win when lines start with them). */
function indentUnit(source: string): string {
  let smallest = Infinity;
  for (const line of source.split("\n")) {
    if (line.startsWith("\t")) return "\t";
    const spaces = /^( +)(?=\S)/.exec(line)?.[1].length ?? 0;
    if (spaces >= 2 && !/^\s*\*/.test(line)) smallest = Math.min(smallest, spaces);
  }
  return " ".repeat(smallest === Infinity ? 2 : smallest);
}
