import { Redis } from "ioredis";

const redis = new Redis();

export async function cleanDatabase(): Promise<void> {
  const keys = await redis.keys("*");
  if (keys.length) await redis.del(...keys);
}
