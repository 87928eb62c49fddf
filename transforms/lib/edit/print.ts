/**
 * Printing a changed file the way its author writes: recast keeps untouched code byte-exact,
 * and new string literals follow the file's dominant quote style.
 */
import { diffLines } from "diff";
import type { Collection } from "jscodeshift";

/** "single" when the file's string literals mostly use single quotes, else "double". */
export function dominantQuote(source: string): "single" | "double" {
  const single = source.match(/'(?:[^'\\\n]|\\.)*'/g)?.length ?? 0;
  const double = source.match(/"(?:[^"\\\n]|\\.)*"/g)?.length ?? 0;
  return single > double ? "single" : "double";
}

/**
 * Prints the edited AST with the original's quote style (or `quote`, when the caller knows better
 * than a count over the raw text), its directive prologue intact, and, in a file written without
 * semicolons, none on the lines the edit added.
 */
export function printSource(root: Collection, original: string, quote: "single" | "double" = dominantQuote(original)): string {
  // Recast guesses the indent width from the file and can pick 1 after a JSDoc header (` * `).
  const unit = indentUnit(original);
  const printed = root.toSource({ quote, tabWidth: unit === "\t" ? 4 : unit.length, useTabs: unit === "\t" });
  return keepSemicolonStyle(keepDirectives(printed, root, original), original);
}

/** True when the file ends its statements with `;` (a semicolon-free file has almost none). */
export function usesSemicolons(source: string): boolean {
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
export function indentUnit(source: string): string {
  let smallest = Infinity;
  for (const line of source.split("\n")) {
    if (line.startsWith("\t")) return "\t";
    const spaces = /^( +)(?=\S)/.exec(line)?.[1].length ?? 0;
    if (spaces >= 2 && !/^\s*\*/.test(line)) smallest = Math.min(smallest, spaces);
  }
  return " ".repeat(smallest === Infinity ? 2 : smallest);
}

/** A line starting like this continues the previous statement unless a `;` ends it (ASI hazard). */
const CONTINUES = /^\s*[([`+\-/]/;

/**
 * Recast always prints `;`. In a semicolon-free file, lines the edit added (or reprinted) lose
 * their trailing `;` unless the next line would then continue the statement.
 * Before: `const { key } = require('./key');`  After: `const { key } = require('./key')`
 */
export function keepSemicolonStyle(printed: string, original: string): string {
  if (usesSemicolons(original) || !/;\s*$/m.test(printed)) return printed;
  const lines = printed.split("\n");
  const added = addedLines(original, printed);
  for (let i = 0; i < lines.length; i++) {
    if (!added.has(i) || !/;\s*$/.test(lines[i]) || /^\s*for\s*\(/.test(lines[i])) continue;
    const next = lines.slice(i + 1).find((l) => l.trim() !== "" && !/^\s*(\/\/|\/\*|\*)/.test(l));
    if (next !== undefined && CONTINUES.test(next)) continue;
    lines[i] = lines[i].replace(/;(\s*)$/, "$1");
  }
  return lines.join("\n");
}

/** Indexes (0-based) of the lines of `after` that `before` does not have. */
function addedLines(before: string, after: string): Set<number> {
  const added = new Set<number>();
  let line = 0;
  for (const part of diffLines(before, after)) {
    if (part.removed) continue;
    const count = part.count ?? 0;
    if (part.added) for (let k = 0; k < count; k++) added.add(line + k);
    line += count;
  }
  return added;
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
