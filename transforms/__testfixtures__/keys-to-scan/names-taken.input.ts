import { Redis } from "ioredis";

const redis = new Redis();

export async function archive(cursor: { write(k: string): void }, batch: number): Promise<number> {
  const found = await redis.keys("order:*");
  for (const key of await redis.keys("invoice:*")) cursor.write(key);
  return found.length + batch;
}
