import { Redis } from "ioredis";

export const label = "primary";
const redis = { label }; // a module-level binding: the import needs an alias

export async function visits(page: string): Promise<string> {
  const client = new Redis(process.env.REDIS_URL!);
  const n = await client.incr(`visits:${page}`);
  await client.quit();
  return `${redis.label}: ${n}`;
}

// `redisCache` is a parameter where the import is used: it would hide the import there.
export async function touch(key: string, redisCache = false) {
  const r = new Redis(process.env.CACHE_REDIS_URL!);
  await r.expire(key, 60);
  await r.quit();
  return redisCache;
}

export async function audit(key: string, log: (line: string) => void) {
  const redisCache2 = "a local of a function that uses the import";
  log(redisCache2);
  const r = new Redis(process.env.CACHE_REDIS_URL!);
  await r.del(key);
  await r.quit();
  // a parameter of a callback that does not use the import is no clash
  return [1, 2].map((redisCache3) => redisCache3 * 2);
}

// a `var` of a function that does not use the import is no clash either
export function legacyLabel(flag: boolean) {
  if (flag) {
    var redisCache3: string | undefined = "legacy";
  }
  return redisCache3;
}
