import { Redis } from "ioredis";

const redis = new Redis();

export async function remember(key: string, value: string): Promise<void> {
  await redis.set("memo:" + key, value);
  await redis.keys("memo:*");
}
