import { Redis } from "ioredis";

const redis = new Redis();

export async function touchAll(): Promise<void> {
  for (const key of (await redis.call("keys", "visit:*")) as string[]) {
    await redis.persist(key);
  }
}
