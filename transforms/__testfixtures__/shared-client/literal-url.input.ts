import { Redis } from "ioredis";

export async function countVisit(page: string): Promise<number> {
  const visitCounter = new Redis("redis://:s3cret@cache.internal:6379/0");
  const n = await visitCounter.incr(`visits:${page}`);
  await visitCounter.quit();
  return n;
}
