// Support module for the cross-file wrapper cases (not a case itself): what each export does with
// its parameters decides whether its callers' arguments are keys.
import { Redis } from "ioredis";

const redis = new Redis();

/** Read-through cache: `cacheKey` is a key and only a key. */
export async function remember(cacheKey: string, ttl: number, load: () => Promise<string>): Promise<string> {
  const hit = await redis.get(cacheKey);
  if (hit !== null) return hit;
  const value = await load();
  console.debug("cache miss", cacheKey);
  console.debug(`stored ${cacheKey}`);
  await redis.set(cacheKey, value, "EX", ttl);
  return value;
}

export const forget = (cacheKey: string) => redis.del(cacheKey);

async function readJson(k: string): Promise<unknown> {
  const raw = await redis.get(k);
  return raw === null ? null : JSON.parse(raw);
}

/** Through a file-local helper. */
export function lookup(name: string): Promise<unknown> {
  return readJson(name);
}

/** A MATCH pattern, handed on as it is. */
export function listKeys(pattern: string): Promise<string[]> {
  return redis.keys(pattern);
}

/** `member` is data (a set member), not a key: callers are left alone. */
export function tag(member: string): Promise<number> {
  return redis.sadd("tags", member);
}

/** `cacheKey` is a key, but also parsed: namespacing what callers pass would change `ttlOf`. */
export async function touch(cacheKey: string): Promise<number> {
  const ttl = cacheKey.startsWith("session:") ? 86400 : 60;
  return redis.expire(cacheKey, ttl);
}
