import { Redis } from "ioredis";
import { key as redisKey, keyPattern, glob } from "./redis/key";

const redis = new Redis();

export async function remember(key: string, value: string): Promise<void> {
  await redis.set(redisKey("memo", key), value);
  await redis.keys(keyPattern("memo", glob("*")));
}
