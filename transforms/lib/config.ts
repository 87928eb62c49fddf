/**
 * Configuration (SPEC §3): found upward from the first path as `redis-codemods.config.json`, or
 * `"redisCodemods"` in a package.json. Lives next to the transforms because they also run under
 * the plain jscodeshift CLI, where nothing else would load it.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

export const CONFIG_FILE = "redis-codemods.config.json";

export interface RedisCodemodsConfig {
  app: string;
  envVar: string;
  defaultTtlSeconds: number;
  lockTtlSeconds: number;
  persistentKeys: string[];
  ttlByPattern: Record<string, number>;
  lowercaseIds: boolean;
  scanCount: number;
  keyModule: string;
  clientModule: string;
  client: "auto" | "ioredis" | "node-redis" | "node-redis-legacy";
}

/** The loaded configuration plus where it came from. */
export interface ResolvedConfig extends RedisCodemodsConfig {
  /** Absolute project root: the config's folder, else the nearest package.json's, else the start folder. */
  root: string;
  /** Absolute path of the file the config was read from, if any. */
  source?: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

type FieldCheck = (value: unknown) => boolean;

const isString: FieldCheck = (v) => typeof v === "string" && v.length > 0;
const isPositiveInt: FieldCheck = (v) => Number.isInteger(v) && (v as number) > 0;
const isStringArray: FieldCheck = (v) => Array.isArray(v) && v.every((s) => typeof s === "string");
const isTtlMap: FieldCheck = (v) =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isPositiveInt);

const FIELDS: Record<keyof RedisCodemodsConfig, { check: FieldCheck; expected: string }> = {
  app: { check: (v) => isString(v) && /^[a-z0-9][a-z0-9._-]*$/i.test(v as string), expected: "a name of letters, digits, '.', '_' or '-'" },
  envVar: { check: (v) => isString(v) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v as string), expected: "an environment variable name" },
  defaultTtlSeconds: { check: isPositiveInt, expected: "a positive integer (seconds)" },
  lockTtlSeconds: { check: isPositiveInt, expected: "a positive integer (seconds)" },
  persistentKeys: { check: isStringArray, expected: "an array of key patterns" },
  ttlByPattern: { check: isTtlMap, expected: "an object mapping key patterns to positive integers" },
  lowercaseIds: { check: (v) => typeof v === "boolean", expected: "true or false" },
  scanCount: { check: isPositiveInt, expected: "a positive integer" },
  keyModule: { check: isString, expected: "a path inside the project" },
  clientModule: { check: isString, expected: "a path inside the project" },
  client: {
    check: (v) => v === "auto" || v === "ioredis" || v === "node-redis" || v === "node-redis-legacy",
    expected: '"auto", "ioredis", "node-redis" or "node-redis-legacy"',
  },
};

export interface ConfigOverrides {
  configFile?: string;
  ttl?: number;
  app?: string;
  envVar?: string;
}

/** Loads, validates and completes the configuration for a run starting at `startPath`. */
export function loadConfig(startPath: string, overrides: ConfigOverrides = {}): ResolvedConfig {
  const start = resolve(startPath);
  const found = overrides.configFile ? readExplicitConfig(resolve(overrides.configFile)) : findConfig(start);
  const root = found ? dirname(found.source) : projectRootFor(start);
  const raw = { ...(found?.raw ?? {}) };
  if (overrides.ttl !== undefined) raw.defaultTtlSeconds = overrides.ttl;
  if (overrides.app !== undefined) raw.app = overrides.app;
  if (overrides.envVar !== undefined) raw.envVar = overrides.envVar;
  validate(raw, found?.source ?? "command line");
  const config = { ...defaults(root), ...raw } as RedisCodemodsConfig;
  checkInsideProject(root, config);
  return { ...config, root, source: found?.source };
}

function readExplicitConfig(file: string): { raw: Record<string, unknown>; source: string } {
  if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`);
  return { raw: parseJsonObject(file, readFileSync(file, "utf8")), source: file };
}

/** Walks up from `start` to the first config file or package.json carrying `redisCodemods`. */
function findConfig(start: string): { raw: Record<string, unknown>; source: string } | undefined {
  for (let dir = startDir(start); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return { raw: parseJsonObject(file, readFileSync(file, "utf8")), source: file };
    const pkg = readPackageJson(dir);
    if (pkg && typeof pkg.redisCodemods === "object" && pkg.redisCodemods !== null) {
      return { raw: pkg.redisCodemods as Record<string, unknown>, source: join(dir, "package.json") };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function startDir(start: string): string {
  return existsSync(start) && !isFileLike(start) ? start : dirname(start);
}

function isFileLike(path: string): boolean {
  return /\.[cm]?[jt]sx?$/i.test(path) || /\.json$/i.test(path);
}

function parseJsonObject(file: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: invalid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`${file}: the configuration must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function validate(raw: Record<string, unknown>, source: string): void {
  for (const [field, value] of Object.entries(raw)) {
    if (field === "$schema") continue;
    const spec = FIELDS[field as keyof RedisCodemodsConfig];
    if (!spec) throw new ConfigError(`${source}: unknown field "${field}"`, field);
    if (!spec.check(value)) {
      throw new ConfigError(`${source}: field "${field}" must be ${spec.expected}, got ${JSON.stringify(value)}`, field);
    }
  }
}

function checkInsideProject(root: string, config: RedisCodemodsConfig): void {
  for (const field of ["keyModule", "clientModule"] as const) {
    const rel = relative(root, resolve(root, config[field]));
    if (isAbsolute(config[field]) || rel.startsWith("..") || isAbsolute(rel)) {
      throw new ConfigError(`field "${field}" must be a path inside the project (${root}), got "${config[field]}"`, field);
    }
  }
}

/** Defaults of SPEC §3, derived from the project's package.json and layout. */
function defaults(root: string): RedisCodemodsConfig {
  const base = existsSync(join(root, "src")) ? "src/redis" : "redis";
  const ext = projectUsesTypeScript(root) ? ".ts" : ".js";
  return {
    app: appNameFromPackage(readPackageJson(root)?.name) ?? "app",
    envVar: "NODE_ENV",
    defaultTtlSeconds: 3600,
    lockTtlSeconds: 30,
    persistentKeys: [],
    ttlByPattern: {},
    lowercaseIds: false,
    scanCount: 500,
    keyModule: `${base}/key${ext}`,
    clientModule: `${base}/client${ext}`,
    client: "auto",
  };
}

/** `@acme/Billing API` → `billing-api`. */
export function appNameFromPackage(name: unknown): string | undefined {
  if (typeof name !== "string" || !name) return undefined;
  const bare = name.replace(/^@[^/]+\//, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return bare || undefined;
}

function projectUsesTypeScript(root: string): boolean {
  const pkg = readPackageJson(root);
  const deps = { ...(pkg?.dependencies as object), ...(pkg?.devDependencies as object) };
  return existsSync(join(root, "tsconfig.json")) || "typescript" in deps;
}

/** Nearest folder at or above `start` holding a package.json, else `start` itself. */
export function projectRootFor(start: string): string {
  for (let dir = startDir(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return startDir(start);
  }
}

/** The parsed package.json in `dir`, or undefined when absent or unreadable. */
export function readPackageJson(dir: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
}
