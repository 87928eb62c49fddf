/**
 * Parser choice by file extension. jscodeshift's default `babel` parser is never used: it yields
 * ESTree nodes and rejects decorators before `export`, which real NestJS code is full of.
 */
import jscodeshift, { type JSCodeshift } from "jscodeshift";
import { allowOptionalCatchBinding, memoizeVisitorTables } from "./upstream-workarounds.js";

export type ParserName = "ts" | "tsx" | "babylon";

const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);

/** `.ts/.mts/.cts` → ts (allows `<T>x` casts); everything else → tsx (JSX, decorators, CJS). */
export function parserForPath(path: string): ParserName {
  const dot = path.lastIndexOf(".");
  const ext = dot === -1 ? "" : path.slice(dot).toLowerCase();
  return TS_EXTENSIONS.has(ext) ? "ts" : "tsx";
}

/** JavaScript files that the tsx parser rejects (Flow annotations) get a second chance with babylon. */
export function fallbackParser(path: string, parser: ParserName): ParserName | undefined {
  return parser === "tsx" && !/\.tsx$/i.test(path) ? "babylon" : undefined;
}

const cache = new Map<ParserName, JSCodeshift>();

/** A jscodeshift instance bound to the parser, created once per process. */
export function jscodeshiftFor(parser: ParserName): JSCodeshift {
  let j = cache.get(parser);
  if (!j) {
    memoizeVisitorTables();
    allowOptionalCatchBinding();
    j = jscodeshift.withParser(parser);
    cache.set(parser, j);
  }
  return j;
}

/** True for errors thrown by Babel while parsing (as opposed to bugs in a transform). */
export function isParseError(error: unknown): boolean {
  return typeof error === "object" && error !== null && ("reasonCode" in error || error instanceof SyntaxError);
}

/**
 * A jscodeshift whose `j(source)` parses each distinct text once. The runner hands one to all
 * transforms of a file, so transforms that change nothing share a single parse (and, through
 * `analyzeClients`' cache, a single client model). This relies on the rule that a transform
 * returning nothing has not mutated the tree; the fixture harness checks it.
 */
export function parseOnce(j: JSCodeshift): JSCodeshift {
  const cache = new Map<string, ReturnType<JSCodeshift>>();
  const wrapped = ((source: unknown, options?: unknown) => {
    if (typeof source !== "string") return (j as any)(source, options);
    let root = cache.get(source);
    if (!root) {
      root = j(source, options as any);
      cache.set(source, root);
    }
    return root;
  }) as JSCodeshift;
  return Object.assign(wrapped, j);
}
