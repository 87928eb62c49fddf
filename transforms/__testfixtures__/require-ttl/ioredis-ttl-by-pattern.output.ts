import { redis } from "./lib/redis";

export async function startSession(sid: string, data: string): Promise<void> {
  await redis.set(`session:${sid}`, data, "EX", 86400);
  await redis.set(`session:${sid}:csrf`, crypto.randomUUID(), "EX", 900);
}

export async function cacheSearch(query: string, hits: string): Promise<void> {
  await redis.set(`search:${query}`, hits, "EX", 3600);
}
