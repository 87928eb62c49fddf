import { Redis } from "ioredis";

const redis = new Redis();

/** Gives every export a day to live. */
export async function expireExports(): Promise<void> {
  const keys = await redis.keys("export:*");
  await Promise.all(keys.map((k) => redis.expire(k, 86400)));
}
