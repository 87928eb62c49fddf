/**
 * `init` detection: what kind of project this is, in the terms the config and the rules section
 * need — client libraries and versions, TypeScript or JavaScript, module system, source root,
 * existing shared client / key helper modules and the environment variables the code reads.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { globbySync } from "globby";
import { appNameFromPackage, readPackageJson } from "../../transforms/lib/config.js";
import { projectStyle } from "../../transforms/lib/project-style.js";
import type { Flavour } from "../../transforms/lib/redis/modules.js";
import { majorOfRange } from "../../transforms/lib/redis/modules.js";
import { discoverFiles, displayPath } from "../files.js";
import { findClientModules, findEnvReads, findKeyHelpers, type ClientModule, type EnvRead, type KeyHelper } from "./code-scan.js";

/** One client library a package.json of the project depends on. */
export interface LibraryUse {
  package: "ioredis" | "redis" | "@redis/client";
  flavour: Flavour;
  /** The node-redis (or ioredis) major the code is written against, when known. */
  major?: number;
  range?: string;
  installed?: string;
  /** Folder of the declaring package.json, relative to the root ("." for the root). */
  scope: string;
}

export interface Detection {
  root: string;
  app: string;
  /** Where `app` came from, for the printout. */
  appSource: string;
  libraries: LibraryUse[];
  typescript: boolean;
  files: { ts: number; js: number };
  esm: boolean;
  /** Why ESM or CommonJS (package.json `type`, tsconfig `module`). */
  moduleSource: string;
  tsModule?: string;
  moduleResolution?: string;
  /** Relative imports carry `.js` (NodeNext, or plain Node ESM). */
  explicitExtension: boolean;
  /** `src` when the project keeps its code there, else `.`. */
  sourceRoot: string;
  clientModules: ClientModule[];
  keyHelpers: KeyHelper[];
  /** Variables holding a Redis URL, most-read first. */
  redisUrlEnv: EnvRead[];
  /** Other connection variables (host, port, password) read where clients are built. */
  connectionEnv: EnvRead[];
  /** The variable naming the deployment environment, if the code reads one. */
  envName?: EnvRead;
}

const REDIS_PACKAGES = ["ioredis", "redis", "@redis/client"] as const;
const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
const MANIFEST_IGNORES = ["**/node_modules/**", "**/dist/**", "**/build/**", "**/out/**", "**/coverage/**", "**/.next/**", "**/.git/**"];
const TS_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts"]);

/** Everything `init` needs to know about the project rooted at `dir`. */
export async function detectProject(dir: string): Promise<Detection> {
  const root = resolve(dir);
  const files = await discoverFiles({ paths: ["."], cwd: root, root });
  const pkg = readPackageJson(root);
  const tsconfig = readTsconfigOptions(root);
  const style = projectStyle(root);
  const counts = countLanguages(files);
  const { app, appSource } = appNameOf(root, pkg);
  const env = findEnvReads(root, files);
  return {
    root,
    app,
    appSource,
    libraries: findLibraries(root),
    // A `typescript` devDependency alone (ts-node for one file) does not make a JavaScript codebase TypeScript.
    typescript: tsconfig !== undefined || counts.ts > counts.js,
    files: counts,
    esm: style.esm,
    moduleSource: moduleSourceOf(pkg, tsconfig, style.esm),
    tsModule: tsconfig?.module,
    moduleResolution: tsconfig?.moduleResolution,
    explicitExtension: style.explicitExtension,
    sourceRoot: isDirectory(join(root, "src")) ? "src" : ".",
    clientModules: findClientModules(root, files),
    keyHelpers: findKeyHelpers(root, files),
    redisUrlEnv: env.redisUrl,
    connectionEnv: env.connection,
    envName: env.envName,
  };
}

/** The normalised package.json name, else the folder name. */
function appNameOf(root: string, pkg: Record<string, unknown> | undefined): { app: string; appSource: string } {
  const fromPackage = appNameFromPackage(pkg?.name);
  if (fromPackage) return { app: fromPackage, appSource: `package.json name ${JSON.stringify(pkg?.name)}` };
  return { app: appNameFromPackage(basename(root)) ?? "app", appSource: "the folder name (no package.json name)" };
}

/** Every Redis client library declared by a package.json of the project (workspaces too). */
function findLibraries(root: string): LibraryUse[] {
  const manifests = globbySync("**/package.json", { cwd: root, gitignore: true, ignore: MANIFEST_IGNORES }).sort(byDepthThenName);
  const found: LibraryUse[] = [];
  for (const manifest of manifests) {
    const dir = dirname(join(root, manifest));
    const pkg = readPackageJson(dir);
    for (const name of REDIS_PACKAGES) {
      const range = declaredRange(pkg, name);
      if (range !== undefined) found.push(libraryUse(root, dir, name, range));
    }
  }
  return found;
}

function byDepthThenName(a: string, b: string): number {
  return a.split("/").length - b.split("/").length || a.localeCompare(b);
}

function declaredRange(pkg: Record<string, unknown> | undefined, name: string): string | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const range = (pkg?.[field] as Record<string, string> | undefined)?.[name];
    if (typeof range === "string") return range;
  }
  return undefined;
}

/** Library, major and flavour of one dependency; the installed copy beats the declared range. */
function libraryUse(root: string, dir: string, name: LibraryUse["package"], range: string): LibraryUse {
  const installed = installedVersion(root, dir, name);
  let major = majorOfRange(installed ?? range);
  // @redis/client 1.x is what node-redis 4 is built on; from 5 on the two share version numbers.
  if (name === "@redis/client" && major !== undefined && major < 4) major += 3;
  const flavour: Flavour = name === "ioredis" ? "ioredis" : major !== undefined && major < 4 ? "node-redis-legacy" : "node-redis";
  return { package: name, flavour, major, range, installed, scope: displayPath(root, dir) };
}

/** The version in node_modules/<name>, looking up from `dir` to the root (workspaces hoist). */
function installedVersion(root: string, dir: string, name: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const manifest = join(at, "node_modules", name, "package.json");
    if (existsSync(manifest)) {
      try {
        return String(JSON.parse(readFileSync(manifest, "utf8")).version);
      } catch {
        return undefined;
      }
    }
    if (at === root || dirname(at) === at) return undefined;
  }
}

function countLanguages(files: string[]): { ts: number; js: number } {
  const ts = files.filter((f) => TS_EXTENSIONS.has(extname(f))).length;
  return { ts, js: files.length - ts };
}

/** Why the project counts as ESM or CommonJS, in the words of its own config files. */
function moduleSourceOf(pkg: Record<string, unknown> | undefined, tsconfig: TsOptions | undefined, esm: boolean): string {
  if (pkg?.type === "module") return 'package.json "type": "module"';
  if (esm && tsconfig?.module) return `tsconfig "module": "${tsconfig.module}"`;
  if (pkg?.type === "commonjs") return 'package.json "type": "commonjs"';
  return 'no "type" in package.json';
}

interface TsOptions {
  module?: string;
  moduleResolution?: string;
}

/** tsconfig.json compilerOptions (comments and trailing commas tolerated), or undefined without one. */
function readTsconfigOptions(root: string): TsOptions | undefined {
  const file = join(root, "tsconfig.json");
  if (!existsSync(file)) return undefined;
  try {
    const text = readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:"'])\/\/.*$/gm, "$1")
      .replace(/,\s*([}\]])/g, "$1");
    const options = JSON.parse(text).compilerOptions ?? {};
    return { module: options.module, moduleResolution: options.moduleResolution };
  } catch {
    return {};
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
