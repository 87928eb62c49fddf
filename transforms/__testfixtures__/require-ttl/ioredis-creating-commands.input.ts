import { Redis } from "ioredis";

const redis = new Redis();

export async function upsertCategory(slug: string, name: string): Promise<void> {
  await redis.hset(`category:${slug}`, { name, updatedAt: new Date().toISOString() });
  await redis.hset(`category:${slug}`, "slug", slug);
}

export async function tag(id: string, tags: string[]): Promise<void> {
  await redis.sadd(`tags:${id}`, ...tags);
  await redis.expire(`tags:${id}`, 600);
}

export async function hit(bucket: string, windowSeconds: number): Promise<number> {
  const key = `ratelimit:${bucket}`;
  const hits = await redis.incr(key);
  if (hits === 1) await redis.expire(key, windowSeconds);
  return hits;
}

export async function enqueue(job: string): Promise<void> {
  await redis.multi().lpush("jobs:pending", job).expire("jobs:pending", 86400).exec();
  await redis.rpush(`audit:${job}`, "queued");
  await redis.zadd("leaderboard", 1, job);
}

export async function featureFlag(name: string): Promise<void> {
  await redis.hset(`config:flags`, name, "on");
}
