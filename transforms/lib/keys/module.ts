/**
 * The generated key module of namespace-keys: `key(...parts)`, `keyPattern(...parts)` and
 * `glob(text)`, written once in the project's language and module system, never overwritten.
 *
 * Design: the helper cannot tell at run time whether a part was a literal in the source or a
 * value, so the split is made at the call site. Entity names are written by the transform as
 * lowercase string literals that contain no `%`, `:` or whitespace; `key()` then applies one
 * injective escaping to every part (`%`, `:` and whitespace → `%XX`), which leaves those literals
 * unchanged and keeps a value such as `"a:b"` one segment. In patterns, wildcards are the rare,
 * deliberate part, so they are marked: `keyPattern("user", id, glob("*"))`; everything else
 * matches literally (glob characters escaped).
 */
import { extname } from "node:path";
import type { ResolvedConfig } from "../config.js";
import { projectStyle } from "../project-style.js";

/** What the transform imports from the module. */
export const KEY_EXPORTS = ["key", "keyPattern", "glob"] as const;
export type KeyExport = (typeof KEY_EXPORTS)[number];

const UNSAFE = /[%:\s]/g;
const GLOB_CHARS = /[*?[\]\\]/g;
/** A literal segment the helper leaves unchanged (what the transform writes for entity names). */
export const CANONICAL_SEGMENT = /^[^%:\sA-Z]*$/;

/** The escaping `key()` applies to every part, mirrored here so the migration plan shows real key names. */
export function escapeKeyPart(text: string): string {
  return text.replace(UNSAFE, (c) => encodeURIComponent(c));
}

/** Glob characters of a pattern part that must match literally. */
export function escapeGlob(text: string): string {
  return text.replace(GLOB_CHARS, "\\$&");
}

/** Names among `KEY_EXPORTS` that an existing module does not export. */
export function missingExports(text: string): KeyExport[] {
  return KEY_EXPORTS.filter((name) => {
    const esm = new RegExp(`export\\s+(?:async\\s+)?(?:function\\*?|const|let|var|class)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`);
    const cjs = new RegExp(`(?:module\\.)?exports\\.${name}\\s*=|module\\.exports\\s*=\\s*\\{[^}]*\\b${name}\\b`);
    return !esm.test(text) && !cjs.test(text);
  });
}

/** `meta.generateFile` of namespace-keys: the module text, or the existing text untouched. */
export function generateKeyModule(path: string, _contributions: unknown[], existing: string | undefined, config: ResolvedConfig): string {
  return existing ?? keyModuleText(path, config);
}

/** The module for `path`: TypeScript for .ts/.mts/.cts, else JavaScript in the project's module system. */
export function keyModuleText(path: string, config: Pick<ResolvedConfig, "app" | "envVar" | "lowercaseIds" | "root">): string {
  const ext = extname(path);
  const typescript = /^\.[cm]?tsx?$/.test(ext);
  const esm = typescript || ext === ".mjs" || (ext !== ".cjs" && projectStyle(config.root).esm);
  const t = (annotation: string) => (typescript ? annotation : "");
  const exp = esm ? "export " : "";
  const lines = [
    ...header(config),
    ...(esm || typescript ? [] : ['"use strict";', ""]),
    `const APP = ${JSON.stringify(config.app)};`,
    `const ENV_VAR = ${JSON.stringify(config.envVar)};`,
    `/** Ids keep their case unless the project opts in (\`lowercaseIds\`): session tokens and base64 ids are case-sensitive. */`,
    `const LOWERCASE_IDS = ${config.lowercaseIds ? "true" : "false"};`,
    "const UNSAFE = /[%:\\s]/g;",
    "const GLOB_CHARS = /[*?[\\]\\\\]/g;",
    "",
    `let cachedPrefix${t(": string | undefined")};`,
    "",
    `/** A wildcard part of a keyPattern(), kept as glob text. */`,
    `${exp}class Glob {`,
    ...(typescript ? ["  readonly pattern: string;", ""] : []),
    `  constructor(pattern${t(": string")}) {`,
    "    this.pattern = pattern;",
    "  }",
    "}",
    "",
    `/** \`key("user", id, "profile")\` → "${config.app}:<env>:user:<id>:profile". */`,
    `${exp}function key(...parts${t(": unknown[]")})${t(": string")} {`,
    "  return prefix() + parts.map(escapePart).join(\":\");",
    "}",
    "",
    `/** A SCAN/KEYS MATCH pattern: \`keyPattern("user", id, glob("*"))\`. Only glob() parts are wildcards. */`,
    `${exp}function keyPattern(...parts${t(": unknown[]")})${t(": string")} {`,
    "  const literal = (text" + t(": string") + ") => text.replace(GLOB_CHARS, \"\\\\$&\");",
    "  return literal(prefix()) + parts.map((p) => (p instanceof Glob ? p.pattern : literal(escapePart(p)))).join(\":\");",
    "}",
    "",
    `/** Wildcard text for keyPattern(): \`glob("*")\`. */`,
    `${exp}function glob(pattern${t(": string")})${t(": Glob")} {`,
    "  return new Glob(pattern);",
    "}",
    "",
    `/** \`<app>:<env>:\`, with the environment read once, on first use. */`,
    `function prefix()${t(": string")} {`,
    "  if (cachedPrefix === undefined) {",
    "    const env = process.env[ENV_VAR];",
    "    if (!env) {",
    "      throw new Error(`Redis keys are namespaced by environment: set ${ENV_VAR} (keys look like ${APP}:<${ENV_VAR}>:...)`);",
    "    }",
    "    cachedPrefix = `${APP}:${escapePart(env.toLowerCase())}:`;",
    "  }",
    "  return cachedPrefix;",
    "}",
    "",
    `/** One segment: \`%\`, \`:\` and whitespace percent-encoded, so a value can never span segments. */`,
    `function escapePart(part${t(": unknown")})${t(": string")} {`,
    "  const text = String(part);",
    "  return (LOWERCASE_IDS ? text.toLowerCase() : text).replace(UNSAFE, (c) => encodeURIComponent(c));",
    "}",
    ...(esm ? [] : ["", "module.exports = { key, keyPattern, glob, Glob };"]),
  ];
  return lines.join("\n") + "\n";
}

function header(config: Pick<ResolvedConfig, "app" | "envVar">): string[] {
  return [
    "/**",
    ` * Redis key names of ${config.app}: every key is \`${config.app}:<${config.envVar}>:<part>:<part>...\`.`,
    " * Generated by redis-codemods (namespace-keys). It is yours: the codemod never overwrites it.",
    " *",
    " * - Entity names are passed as lowercase literals: key(\"user\", id, \"profile\").",
    " * - Every part is escaped (`%`, `:` and whitespace become %XX): key(\"a:b\") !== key(\"a\", \"b\"),",
    " *   so user input cannot forge another key.",
    " * - keyPattern() builds SCAN/KEYS MATCH patterns; only glob(\"*\") parts are wildcards.",
    " */",
    "",
  ];
}
