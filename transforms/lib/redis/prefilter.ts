/**
 * A text-only test run before parsing: can this file matter to a Redis transform at all?
 * It must never say no to a file the client model would find something in, so it errs wide:
 * any mention of redis, a Redis-only method name, or an import of a project module that exports
 * a client.
 */
import type { ProjectIndex } from "./project.js";

const MENTIONS_REDIS = /redis|valkey/i;
/** Method names that only Redis clients have; an untraced receiver calling one is reported. */
const DISTINCTIVE_METHODS = /\.(?:hgetall|hGetAll|setex|setEx|setnx|setNX|psetex|hmset|hset|hSet|lpush|lPush|rpush|rPush|lrange|lRange|sadd|sAdd|smembers|sMembers|zadd|zAdd|zrange|zRange|expire|mset|mSet|mget|mGet|unlink)\s*\(/;
/** Import specifiers: relative ones, and aliases such as `@/lib/redis` that tsconfig `paths` resolve. */
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["'`]([^"'`\s]+)["'`]/g;

/** True when the file may use a Redis client; false means no Redis transform can change it. */
export function mayUseRedis(source: string, file: string, project: ProjectIndex | undefined): boolean {
  if (MENTIONS_REDIS.test(source) || DISTINCTIVE_METHODS.test(source)) return true;
  if (!project) return false;
  for (const match of source.matchAll(IMPORT_SPECIFIER)) {
    if (project.exportsOf(file, match[1])) return true;
  }
  return false;
}
