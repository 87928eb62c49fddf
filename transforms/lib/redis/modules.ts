/**
 * Which module specifiers are Redis client libraries, and which flavour of client they give:
 * ioredis, node-redis v4+ (promises, camelCase) or legacy node-redis v2/v3 (callbacks).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type Flavour = "ioredis" | "node-redis" | "node-redis-legacy";

export const IOREDIS_MODULES = new Set(["ioredis"]);
export const NODE_REDIS_MODULES = new Set(["redis", "@redis/client"]);

/** True for `ioredis`, `redis` and `@redis/client` (and their subpaths). */
export function isRedisModule(specifier: string): boolean {
  return libraryOf(specifier) !== undefined;
}

/** "ioredis" or "redis" for a client library specifier, else undefined. */
export function libraryOf(specifier: string): "ioredis" | "redis" | undefined {
  const bare = specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
  if (IOREDIS_MODULES.has(bare)) return "ioredis";
  if (NODE_REDIS_MODULES.has(bare)) return "redis";
  return undefined;
}

/** ioredis class and type names that denote a client (or cluster) instance. */
export const IOREDIS_CLIENT_TYPES = new Set(["Redis", "IORedis", "Cluster", "RedisClient", "Pipeline", "ChainableCommander"]);
/** node-redis type names that denote a client instance. */
export const NODE_REDIS_CLIENT_TYPES = new Set([
  "RedisClientType",
  "RedisClusterType",
  "RedisClient",
  "RedisClientPoolType",
  "RedisSentinelType",
  "RedisClientMultiCommandType",
]);

export interface NodeRedisVersion {
  major: number;
  /** How the major version was found (for `inspect`). */
  source: string;
}

const versionCache = new Map<string, NodeRedisVersion | undefined>();

/**
 * The node-redis major version that applies to `file`: the nearest package.json that declares
 * `redis`/`@redis/client`, else the installed copy in node_modules. undefined when unknown.
 */
export function nodeRedisVersionFor(file: string): NodeRedisVersion | undefined {
  const dir = dirname(file);
  if (versionCache.has(dir)) return versionCache.get(dir);
  const found = findNodeRedisVersion(dir);
  versionCache.set(dir, found);
  return found;
}

function findNodeRedisVersion(start: string): NodeRedisVersion | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const fromManifest = declaredMajor(join(dir, "package.json"));
    if (fromManifest) return fromManifest;
    const installed = installedMajor(dir);
    if (installed) return installed;
    if (dirname(dir) === dir) return undefined;
  }
}

function declaredMajor(manifest: string): NodeRedisVersion | undefined {
  if (!existsSync(manifest)) return undefined;
  let pkg: Record<string, Record<string, string> | undefined>;
  try {
    pkg = JSON.parse(readFileSync(manifest, "utf8"));
  } catch {
    return undefined;
  }
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    for (const name of ["redis", "@redis/client"]) {
      const range = pkg[field]?.[name];
      const major = range ? majorOfRange(range) : undefined;
      if (major !== undefined) return { major: name === "@redis/client" && major < 4 ? major + 3 : major, source: `${manifest} ${name}@${range}` };
    }
  }
  return undefined;
}

function installedMajor(dir: string): NodeRedisVersion | undefined {
  const manifest = join(dir, "node_modules", "redis", "package.json");
  if (!existsSync(manifest)) return undefined;
  try {
    const version = JSON.parse(readFileSync(manifest, "utf8")).version as string;
    const major = majorOfRange(version);
    return major === undefined ? undefined : { major, source: `${manifest} ${version}` };
  } catch {
    return undefined;
  }
}

/** `^4.6.0` → 4, `~3.1.2` → 3, `>=2 <4` → 2, `latest`/`*` → undefined. */
export function majorOfRange(range: string): number | undefined {
  const npmAlias = range.match(/^npm:[^@]+@(.+)$/);
  const match = (npmAlias ? npmAlias[1] : range).match(/(\d+)(?:\.\d+|\.x|\.\*)?/);
  return match ? Number(match[1]) : undefined;
}

/** Flavour for a client from the `redis` package, by the version that applies to `file`. */
export function nodeRedisFlavour(file: string, configured: string): { flavour: Flavour; major?: number } {
  if (configured === "node-redis-legacy") return { flavour: "node-redis-legacy", major: 3 };
  const version = nodeRedisVersionFor(file);
  if (configured === "node-redis") return { flavour: "node-redis", major: version && version.major >= 4 ? version.major : 5 };
  if (version && version.major < 4) return { flavour: "node-redis-legacy", major: version.major };
  return { flavour: "node-redis", major: version?.major };
}

const REDIS_LIBRARIES = ["ioredis", "redis", "@redis/client", "ioredis-mock", "redis-mock", "@upstash/redis", "iovalkey", "@valkey/valkey-glide"];
const declaredCache = new Map<string, boolean | undefined>();

/**
 * Whether the packages `file` belongs to (its nearest package.json and those above it, for
 * monorepos) declare a Redis library: true, false, or undefined when no package.json is found.
 */
export function declaresRedisLibrary(file: string): boolean | undefined {
  const dir = dirname(file);
  if (declaredCache.has(dir)) return declaredCache.get(dir);
  let seenManifest = false;
  let answer: boolean | undefined;
  for (let d = dir; ; d = dirname(d)) {
    const manifest = join(d, "package.json");
    if (existsSync(manifest)) {
      seenManifest = true;
      if (manifestDeclaresRedis(manifest)) {
        answer = true;
        break;
      }
    }
    if (dirname(d) === d) {
      answer = seenManifest ? false : undefined;
      break;
    }
  }
  declaredCache.set(dir, answer);
  return answer;
}

function manifestDeclaresRedis(manifest: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    return ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].some((field) => REDIS_LIBRARIES.some((name) => pkg[field]?.[name]));
  } catch {
    return false;
  }
}
