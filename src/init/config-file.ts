/**
 * The `redis-codemods.config.json` that `init` proposes: detected values, with an existing
 * config's values taking precedence so a re-run reproduces it instead of resetting it. Validation
 * goes through `loadConfig`, the same code every run uses.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONFIG_FILE, ConfigError, loadConfig, readPackageJson, type ResolvedConfig } from "../../transforms/lib/config.js";
import type { Detection } from "./detect.js";
import { chooseClientModule, chooseKeyModule, type ModuleChoice } from "./layout.js";

export type ConfigValues = Record<string, unknown>;

/** A config that is already there: a file, or `"redisCodemods"` in package.json. */
export interface ExistingConfig {
  kind: "file" | "package.json";
  /** Absolute path of the file holding it. */
  path: string;
  values?: ConfigValues;
  /** Set when the existing config cannot be read or is invalid. */
  error?: string;
}

export interface ConfigProposal {
  values: ConfigValues;
  keyModule: ModuleChoice;
  clientModule: ModuleChoice;
}

/** SPEC §3 order, so the written file reads like the documentation. */
const FIELD_ORDER = ["$schema", "app", "envVar", "defaultTtlSeconds", "lockTtlSeconds", "persistentKeys", "ttlByPattern", "lowercaseIds", "scanCount", "keyModule", "clientModule", "client"];
export const DEFAULT_TTL_SECONDS = 3600;
const DEFAULT_LOCK_TTL_SECONDS = 30;
const DEFAULT_SCAN_COUNT = 500;

/** The config found at the project root, if any (a parent folder's config is not this project's). */
export function readExistingConfig(root: string): ExistingConfig | undefined {
  const file = join(root, CONFIG_FILE);
  if (existsSync(file)) {
    try {
      const values = JSON.parse(readFileSync(file, "utf8"));
      return { kind: "file", path: file, ...checked(root, values) };
    } catch (error) {
      return { kind: "file", path: file, error: `invalid JSON (${(error as Error).message})` };
    }
  }
  const fromPackage = readPackageJson(root)?.redisCodemods;
  if (fromPackage !== undefined) return { kind: "package.json", path: join(root, "package.json"), ...checked(root, fromPackage) };
  return undefined;
}

function checked(root: string, values: unknown): { values?: ConfigValues; error?: string } {
  try {
    validateConfig(root, values as ConfigValues);
    return { values: values as ConfigValues };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Detected defaults, overridden field by field by a valid existing config. */
export function proposeConfig(detection: Detection, existing: ConfigValues | undefined): ConfigProposal {
  const keyModule = chooseKeyModule(detection);
  const clientModule = chooseClientModule(detection);
  const detected: ConfigValues = {
    app: detection.app,
    envVar: detection.envName?.name ?? "NODE_ENV",
    defaultTtlSeconds: DEFAULT_TTL_SECONDS,
    lockTtlSeconds: DEFAULT_LOCK_TTL_SECONDS,
    persistentKeys: [],
    scanCount: DEFAULT_SCAN_COUNT,
    keyModule: keyModule.path,
    clientModule: clientModule.path,
  };
  const values = ordered({ ...detected, ...existing });
  return {
    values,
    keyModule: existing?.keyModule ? { path: String(existing.keyModule), reason: "from the existing config" } : keyModule,
    clientModule: existing?.clientModule ? { path: String(existing.clientModule), reason: "from the existing config" } : clientModule,
  };
}

/** The fields in SPEC order; fields the user added by hand keep their place after the known ones. */
export function ordered(values: ConfigValues): ConfigValues {
  const known = FIELD_ORDER.filter((f) => f in values).map((f) => [f, values[f]]);
  const rest = Object.entries(values).filter(([f]) => !FIELD_ORDER.includes(f));
  return Object.fromEntries([...known, ...rest]);
}

/** The file's text: two-space JSON and a final newline. */
export function serializeConfig(values: ConfigValues): string {
  return JSON.stringify(values, null, 2) + "\n";
}

/**
 * Validates with `loadConfig` itself (field names, types, module paths inside the project) and
 * returns the resolved config. The values go through a temporary file because `loadConfig` only
 * reads files; relative module paths are judged the same from there.
 */
export function validateConfig(root: string, values: ConfigValues): ResolvedConfig {
  const dir = mkdtempSync(join(tmpdir(), "redis-codemods-init-"));
  try {
    const file = join(dir, CONFIG_FILE);
    writeFileSync(file, serializeConfig(values));
    return { ...loadConfig(root, { configFile: file }), root, source: join(root, CONFIG_FILE) };
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.message.replaceAll(join(dir, CONFIG_FILE), CONFIG_FILE).replaceAll(dir, root), error.field);
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
