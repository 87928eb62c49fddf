import { Redis } from "ioredis";

const redis = new Redis();

export async function cached(cacheKey: string): Promise<string | null> {
  return redis.get(cacheKey);
}

export async function warm(): Promise<void> {
  await cached("config:flags");
}

export async function parsed(k: string): Promise<{ entity: string; value: string | null }> {
  const [entity] = k.split(":");
  return { entity, value: await redis.get(k) };
}
