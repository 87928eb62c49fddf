import { Redis } from "ioredis";

const redis = new Redis();

export function putSessionValue(sid: string, field: string, value: string, ttl?: number): void {
  const k = `session:${sid}:${field}`;
  if (ttl) redis.set(k, value, "EX", ttl);
  else redis.set(k, value);
}

export async function touch(sid: string): Promise<string> {
  const seen = "seen:" + sid;
  await redis.incr(seen);
  return seen;
}
