import { Redis } from "ioredis";

const redis = new Redis();

/** Gives every export a day to live. */
export async function expireExports(): Promise<void> {
  const seen = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "export:*", "COUNT", 500);
    cursor = nextCursor;
    const fresh = batch.filter((key) => !seen.has(key));
    for (const key of fresh) seen.add(key);
    await Promise.all(fresh.map((k) => redis.expire(k, 86400)));
  } while (cursor !== "0");
}
