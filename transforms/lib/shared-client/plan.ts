/**
 * Export names for the shared client module, decided for the whole project at once. Every file is
 * transformed on its own, yet two files whose different configurations both want `redis` must
 * import different exports: so the project's hoistable constructions are collected once per run
 * (cached per root), and names are assigned to configurations in a fixed order. Names already in
 * the client module are kept.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { globbySync } from "globby";
import { CONFIG_FILE, type ResolvedConfig } from "../config.js";
import { jscodeshiftFor, parserForPath } from "../parser.js";
import { isTestFile } from "../paths.js";
import { analyzeClients } from "../redis/clients.js";
import { mayUseRedis } from "../redis/prefilter.js";
import { type ProjectIndex, SOURCE_EXTENSIONS } from "../redis/project.js";
import { findSites } from "./sites.js";

/** The comment above each generated export: it names the configuration the export stands for. */
export const MARKER = "redis-codemods shared-client:";

const IGNORED = ["**/node_modules/**", "**/dist/**", "**/build/**", "**/coverage/**", "**/.next/**", "**/*.d.ts", "**/*.min.js"];
const CANDIDATE_TEXT = /new\s+[\w$.]*\s*\(|create(Client|Cluster)\s*\(/;
const MAX_FILE_BYTES = 1024 * 1024;

export interface Plan {
  /** Export name per configuration key. */
  nameOf(key: string, candidates: string[]): string;
  /** The name of an export that already stands for `key`, in the module or assigned this run. */
  known(key: string): string | undefined;
}

interface PlanState {
  names: Map<string, string>;
  taken: Set<string>;
}

const plans = new Map<string, PlanState>();

/** The naming plan of the project at `config.root` (built on first use, then cached for the process). */
export function loadPlan(config: ResolvedConfig, project: ProjectIndex, includeTests: boolean, runFiles?: readonly string[]): Plan {
  const modulePath = resolve(config.root, config.clientModule);
  // A run's file list is sent to each worker batch as a copy: identify it by content, cheaply.
  const runKey = runFiles ? `${runFiles.length}\0${runFiles[0]}\0${runFiles[runFiles.length - 1]}` : "";
  const cacheKey = `${config.root}\0${modulePath}\0${includeTests}\0${runKey}`;
  let state = plans.get(cacheKey);
  if (!state) {
    state = buildPlan(config, project, modulePath, includeTests, runFiles);
    plans.set(cacheKey, state);
  }
  const s = state;
  return {
    nameOf(key, candidates) {
      let name = s.names.get(key);
      if (!name) {
        name = freeName(candidates, s.taken);
        s.names.set(key, name);
        s.taken.add(name);
      }
      return name;
    },
    known: (key) => s.names.get(key),
  };
}

function buildPlan(config: ResolvedConfig, project: ProjectIndex, modulePath: string, includeTests: boolean, runFiles?: readonly string[]): PlanState {
  const existing = existsSync(modulePath) ? readFileSync(modulePath, "utf8") : undefined;
  const names = new Map(existing ? markedExports(existing) : []);
  const taken = new Set([...(existing ? declaredNames(existing) : []), ...names.values()]);
  const wanted = new Map<string, { count: number; candidates: string[] }>();
  for (const file of projectFiles(config.root, modulePath, includeTests, runFiles)) {
    for (const { key, candidates } of hoistableIn(file, config, project)) {
      const entry = wanted.get(key) ?? { count: 0, candidates: [] };
      entry.count++;
      entry.candidates.push(...candidates.filter((c) => !entry.candidates.includes(c)));
      wanted.set(key, entry);
    }
  }
  const order = [...wanted.entries()].filter(([key]) => !names.has(key)).sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  for (const [key, { candidates }] of order) {
    const name = freeName(candidates, taken);
    names.set(key, name);
    taken.add(name);
  }
  return { names, taken };
}

/**
 * The project's source files, without those of nested projects that carry their own config.
 * Under the runner, the run's prefiltered files stand for the project (a file no Redis
 * transform can change constructs no client); under plain jscodeshift the project is listed.
 */
function projectFiles(root: string, modulePath: string, includeTests: boolean, runFiles?: readonly string[]): string[] {
  const nested = runFiles ? nestedRootsOf(runFiles, root) : globbySync(`**/${CONFIG_FILE}`, { cwd: root, absolute: true, gitignore: true, ignore: IGNORED })
    .map((f) => dirname(resolve(f)))
    .filter((d) => d !== resolve(root));
  const files = runFiles ? [...runFiles] : globbySync(SOURCE_EXTENSIONS.map((e) => `**/*${e}`), { cwd: root, absolute: true, gitignore: true, ignore: IGNORED });
  return files
    .filter((f) => resolve(f) !== modulePath && (includeTests || !isTestFile(f, root)) && !nested.some((d) => resolve(f).startsWith(d + sep)))
    .sort();
}

/** Folders between the files and `root` that carry their own config file (nested projects). */
function nestedRootsOf(files: readonly string[], root: string): string[] {
  const top = resolve(root);
  const seen = new Map<string, boolean>();
  for (const file of files) {
    for (let dir = dirname(resolve(file)); dir.startsWith(top + sep) && !seen.has(dir); dir = dirname(dir)) {
      seen.set(dir, existsSync(join(dir, CONFIG_FILE)));
    }
  }
  return [...seen].filter(([, has]) => has).map(([dir]) => dir);
}

/** The configurations of one file that shared-client would hoist, with their preferred names. */
function hoistableIn(file: string, config: ResolvedConfig, project: ProjectIndex): Array<{ key: string; candidates: string[] }> {
  let source: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return [];
    source = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  if (!CANDIDATE_TEXT.test(source) || !mayUseRedis(source, file, project) || onlyModuleLevelConstructions(source)) return [];
  try {
    const j = jscodeshiftFor(parserForPath(file));
    const root = j(source);
    const model = analyzeClients(j, root, file, project, config.client);
    if (!model.touchesRedis) return [];
    return findSites(j, root, file, model).flatMap((s) => (s.verdict.kind === "hoist" ? [{ key: s.verdict.config.key, candidates: s.verdict.config.names }] : []));
  } catch {
    return [];
  }
}

/** Names a file gives the ioredis class or the node-redis module: `import IORedis from "ioredis"`, `const r = require("redis")`. */
const LIBRARY_BINDING = /(?:import\s+(?:\*\s+as\s+)?([\w$]+)[^;\n]*?from|(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\()\s*["'](?:ioredis|redis|@redis\/client)["']/g;
/** `const redis = new Redis(…)` / `export const client = createClient(…)` / `module.exports = new Redis()` at column 0. */
const MODULE_LEVEL_DECLARATION = /^(?:(?:export\s+)?(?:const|let|var)\s+[\w$]+(?:\s*:\s*[^=]+)?\s*=\s*|module\.exports\s*=\s*)(?:await\s+)?$/;

/**
 * True when every client construction in the file is the value of a declaration at column 0:
 * module-level clients, never hoisted, so the file need not be parsed for the plan (the common
 * good shape).
 */
export function onlyModuleLevelConstructions(source: string): boolean {
  const names = ["Redis", "IORedis", "Cluster"];
  for (const m of source.matchAll(LIBRARY_BINDING)) names.push(m[1] ?? m[2]);
  const construction = new RegExp(`\\bnew\\s+(?:[\\w$]+\\.)?(?:${names.map((n) => n.replace(/\$/g, "\\$")).join("|")})\\s*\\(|\\bcreate(?:Client|Cluster)\\s*\\(`, "g");
  for (const match of source.matchAll(construction)) {
    const lineStart = source.lastIndexOf("\n", match.index) + 1;
    const before = source.slice(lineStart, match.index).replace(/[\w$]+\.$/, "");
    if (!MODULE_LEVEL_DECLARATION.test(before)) return false;
  }
  return true;
}

/** The first candidate nobody has taken, else the first one numbered. */
function freeName(candidates: string[], taken: Set<string>): string {
  const free = candidates.find((c) => !taken.has(c));
  if (free) return free;
  const base = candidates[0] ?? "redis";
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** `// redis-codemods shared-client: <key>` followed by `export const name` / `const name`. */
export function markedExports(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const at = line.indexOf(MARKER);
    if (at === -1 || !/^\s*\/\//.test(line)) return;
    const key = line.slice(at + MARKER.length).trim();
    const declaration = lines.slice(i + 1, i + 4).map((l) => l.match(/^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/)).find(Boolean);
    if (key && declaration) out.push([key, declaration[1]]);
  });
  return out;
}

/** Top-level names a module already declares or imports, which new exports must not reuse. */
function declaredNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of text.matchAll(/\b(?:import|export)\s*(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const local = part.trim().split(/\s+as\s+/).pop();
      if (local) names.add(local);
    }
  }
  for (const m of text.matchAll(/\bimport\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of text.matchAll(/\b(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/g)) names.add(m[1]);
  return [...names];
}
