import { Redis } from "ioredis";

const redis = new Redis();

export function putSessionValue(sid: string, field: string, value: string, ttl?: number): void {
  const k = `session:${sid}:${field}`;
  if (ttl) redis.set(k, value, "EX", ttl);
  else redis.set(k, value);
}

export async function cache(key: string, value: string, ttl?: number): Promise<unknown> {
  return ttl ? redis.set(key, value, "EX", ttl) : redis.set(key, value);
}

export async function store(key: string, value: string, ttl = 0): Promise<void> {
  if (ttl > 0) {
    await redis.set(key, value, "PX", ttl);
    return;
  }
  await redis.set(key, value);
}

export async function unrelatedBranch(key: string, value: string, fast: boolean): Promise<void> {
  if (fast) await redis.set(`fast:${key}`, value, "EX", 5);
  else await redis.set(`slow:${key}`, value, "EX", 3600);
}
