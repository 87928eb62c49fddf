/**
 * Rewrites as text edits on the original source. require-ttl only ever adds a few tokens to a call
 * or swaps a literal, and recast reprints a whole argument list once its length changes (wrapping
 * at 74 columns, mis-indenting member chains). Splicing text keeps every untouched byte, the call's
 * layout (one argument per line stays one per line) and the file's quotes.
 */
import { MARKER_PREFIX } from "../context.js";
import { dominantQuote } from "../edit/print.js";

interface Edit {
  start: number;
  end: number;
  text: string;
  order: number;
}

/** A node as Babel gives it: offsets into the source, lines, and paren info. */
export interface Span {
  start?: number | null;
  end?: number | null;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
  extra?: { parenthesized?: boolean };
  type: string;
}

/** Line terminators as recast splits them. */
const LINE_TERMINATOR = /\r\n|\r(?!\n)|\n|\u2028|\u2029/g;
/** recast's default tab width, used when it expands leading tabs before parsing. */
const TAB_WIDTH = 4;

/**
 * Offsets into the original source. recast hands the parser a copy whose leading tabs are expanded
 * and whose line ends are normalised, so Babel's `start`/`end` index that copy; `loc` lines and
 * columns map back exactly once each line's re-rendered indentation is accounted for.
 */
export class SourcePositions {
  private readonly lineStarts: number[] = [0];

  constructor(readonly source: string) {
    for (const m of source.matchAll(LINE_TERMINATOR)) this.lineStarts.push(m.index! + m[0].length);
  }

  /** The original offset of a parser position. */
  offset(pos: { line: number; column: number }): number {
    const lineStart = this.lineStarts[pos.line - 1] ?? this.source.length;
    const leading = /^\s*/.exec(this.source.slice(lineStart, this.lineStarts[pos.line] ?? this.source.length))![0].replace(/[\r\n\u2028\u2029]+$/, "");
    let width = 0;
    for (let i = 0; i < leading.length; i++) {
      if (width >= pos.column) return lineStart + i;
      width = indentWidth(width, leading[i]);
    }
    return lineStart + leading.length + Math.max(0, pos.column - width);
  }

  start(node: Span): number {
    return node.loc ? this.offset(node.loc.start) : node.start ?? 0;
  }

  end(node: Span): number {
    return node.loc ? this.offset(node.loc.end) : node.end ?? 0;
  }

  /** A node's source text as written. */
  slice(node: Span): string {
    return this.source.slice(this.start(node), this.end(node));
  }
}

/** The column after one leading whitespace character, as recast counts it. */
function indentWidth(width: number, char: string): number {
  if (char === "\t") return Math.ceil((width + 1) / TAB_WIDTH) * TAB_WIDTH;
  return /[\v\f\r\ufeff]/.test(char) ? width : width + 1;
}

export class TextEdits extends SourcePositions {
  private readonly edits: Edit[] = [];
  private readonly quoteChar: string;

  constructor(source: string) {
    super(source);
    this.quoteChar = dominantQuote(source) === "single" ? "'" : '"';
  }

  get size(): number {
    return this.edits.length;
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  /** A string literal in the file's quote style. */
  quote(text: string): string {
    return `${this.quoteChar}${text}${this.quoteChar}`;
  }

  /** The source text of a node, parentheses included. */
  text(node: Span): string {
    return this.source.slice(this.outerStart(node), this.outerEnd(node));
  }

  /** Start offset of a node including an opening parenthesis that wraps it. */
  outerStart(node: Span): number {
    const start = this.start(node);
    if (!node.extra?.parenthesized) return start;
    const open = /\(\s*$/.exec(this.source.slice(0, start));
    return open ? open.index : start;
  }

  /** End offset of a node including a closing parenthesis that wraps it. */
  outerEnd(node: Span): number {
    const end = this.end(node);
    if (!node.extra?.parenthesized) return end;
    const close = /^\s*\)/.exec(this.source.slice(end));
    return close ? end + close[0].length : end;
  }

  /** The whitespace a line starts with. */
  indentAt(offset: number): string {
    const lineStart = this.source.lastIndexOf("\n", offset - 1) + 1;
    return /^[ \t]*/.exec(this.source.slice(lineStart))![0];
  }

  /** One indentation step of the file (two spaces unless it indents otherwise). */
  indentUnit(): string {
    const indents = this.source.match(/^[ \t]+(?=\S)/gm) ?? [];
    if (indents.some((i) => i.startsWith("\t"))) return "\t";
    const widths = indents.map((i) => i.length).filter((w) => w > 0);
    return " ".repeat(widths.length ? Math.min(...widths, 4) : 2);
  }

  /**
   * Adds `text` as new elements after `items[index]` of a comma-separated list (call arguments or
   * array elements), on a line of its own when the list puts one element per line.
   * Before: `set(k, v)` / `set(\n  k,\n  v\n)`   After: `set(k, v, "EX", 60)` / `set(\n  k,\n  v,\n  "EX", 60\n)`
   */
  insertAfterElement(items: Span[], index: number, text: string): void {
    const item = items[index];
    const previous = items[index - 1];
    const ownLine = previous?.loc && item.loc && item.loc.start.line > previous.loc.end.line;
    this.insert(this.outerEnd(item), ownLine ? `,\n${this.indentAt(this.outerStart(item))}${text}` : `, ${text}`);
  }

  /**
   * Adds properties (`EX: 60`) at the end of an object literal, following its layout and trailing comma.
   * Before: `{ NX: true }`   After: `{ NX: true, EX: 60 }`
   */
  insertProperties(object: Span & { properties: Span[] }, text: string): void {
    const last = object.properties[object.properties.length - 1];
    if (!last) return this.replace(this.outerStart(object), this.outerEnd(object), `{ ${text} }`);
    const end = this.outerEnd(last);
    const multiline = object.loc && last.loc && last.loc.start.line > object.loc.start.line;
    const comma = /^\s*,/.exec(this.source.slice(end));
    if (!multiline) return this.insert(end, `, ${text}`);
    const indent = this.indentAt(this.outerStart(last));
    if (comma) this.insert(end + comma[0].length, `\n${indent}${text},`);
    else this.insert(end, `,\n${indent}${text}`);
  }

  /**
   * Removes a whole statement with its line when it stands alone on it.
   * Before: `a();\n  b();\n`   After: `a();\n`
   */
  removeStatement(node: Span): void {
    const start = this.start(node);
    const end = this.end(node);
    const lineStart = this.source.lastIndexOf("\n", start - 1) + 1;
    const after = /^[ \t]*(\r?\n|$)/.exec(this.source.slice(end));
    if (/^[ \t]*$/.test(this.source.slice(lineStart, start)) && after && lineStart > 0) {
      this.replace(lineStart - 1, end + after[0].length - after[1].length, "");
    } else this.replace(start, end, "");
  }

  /**
   * A `/* redis-codemods: reason *\/` marker before a statement (`--mark`), unless it has one: on a
   * line of its own, or inline where the statement does not start its line (`else stmt`).
   */
  mark(statement: Span & { comments?: Array<{ value: string; loc?: unknown }> | null }, message: string): void {
    if (statement.comments?.some((c) => c.loc && c.value.includes(MARKER_PREFIX))) return;
    const start = this.start(statement);
    const marker = `/* ${MARKER_PREFIX} ${message.replace(/\*\//g, "* /")} */`;
    const lineStart = this.source.lastIndexOf("\n", start - 1) + 1;
    const ownLine = /^[ \t]*$/.test(this.source.slice(lineStart, start));
    this.insert(start, ownLine ? `${marker}\n${this.indentAt(start)}` : `${marker} `);
  }

  /** The source with every edit applied; edits must not overlap (insertions at one point keep their order). */
  apply(): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
    let out = "";
    let at = 0;
    for (const e of sorted) {
      if (e.start < at) throw new Error(`require-ttl: overlapping edits at ${e.start}`);
      out += this.source.slice(at, e.start) + e.text;
      at = e.end;
    }
    return out + this.source.slice(at);
  }
}
