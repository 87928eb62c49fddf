/**
 * How a project writes its modules — TypeScript or JavaScript, ESM or CommonJS, and whether
 * relative imports carry a `.js` suffix — so generated modules and inserted imports fit in.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import { readPackageJson } from "./config.js";

export interface ProjectStyle {
  typescript: boolean;
  esm: boolean;
  /** Relative imports need an explicit `.js` (Node16/NodeNext resolution, or plain Node ESM). */
  explicitExtension: boolean;
}

const styleCache = new Map<string, ProjectStyle>();

/** The style of the project rooted at `root` (package.json `type`, tsconfig `module`/`moduleResolution`). */
export function projectStyle(root: string): ProjectStyle {
  let style = styleCache.get(root);
  if (!style) {
    style = detectStyle(root);
    styleCache.set(root, style);
  }
  return style;
}

function detectStyle(root: string): ProjectStyle {
  const pkg = readPackageJson(root);
  const tsconfig = readTsconfig(join(root, "tsconfig.json"));
  const options = (tsconfig?.compilerOptions ?? {}) as Record<string, string>;
  const deps = { ...(pkg?.dependencies as object), ...(pkg?.devDependencies as object) };
  const typescript = Boolean(tsconfig) || "typescript" in deps;
  const esm = pkg?.type === "module" || /^(es|esnext|es20\d\d)$/i.test(options.module ?? "");
  const resolution = `${options.moduleResolution ?? ""} ${options.module ?? ""}`.toLowerCase();
  const bundler = /bundler/.test(resolution) || "next" in deps || "vite" in deps;
  // Plain Node ESM (no tsconfig compiling the sources) resolves only full file names.
  const explicitExtension = !bundler && (/node16|nodenext/.test(resolution) || (pkg?.type === "module" && !tsconfig));
  return { typescript, esm, explicitExtension };
}

/** Reads a tsconfig.json, tolerating comments and trailing commas. */
export function readTsconfig(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(stripJsonComments(readFileSync(file, "utf8")));
  } catch {
    return {};
  }
}

/** JSON-with-comments to JSON: comments and trailing commas go, strings (`"@/*"`) stay intact. */
export function stripJsonComments(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 1;
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** True when this file is written as an ES module (import/export syntax, or an .mjs/.mts extension). */
export function fileIsEsm(file: string, source: string): boolean {
  const ext = extname(file);
  if (ext === ".mjs" || ext === ".mts") return true;
  if (ext === ".cjs" || ext === ".cts") return false;
  if (/^\s*(import\s[^(]|export\s)/m.test(source)) return true;
  if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w+\s*=/.test(source)) return false;
  return ext === ".ts" || ext === ".tsx";
}

/**
 * The specifier `fromFile` uses to import `target`: relative, posix, with `.js` where the
 * project's resolution needs it and without an extension otherwise.
 */
export function relativeSpecifier(fromFile: string, target: string, style: ProjectStyle): string {
  let rel = relative(dirname(fromFile), target).split(sep).join("/");
  if (!rel.startsWith(".")) rel = `./${rel}`;
  const stem = rel.replace(/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, "");
  if (!style.explicitExtension) return stem;
  const ext = extname(target);
  const runtime = ext === ".mts" ? ".mjs" : ext === ".cts" ? ".cjs" : ext === ".ts" || ext === ".tsx" ? ".js" : ext;
  return stem + runtime;
}
