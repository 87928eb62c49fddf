import { Redis } from "ioredis";

const redis = new Redis();

export async function touchAll(): Promise<void> {
  const seen = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "visit:*", "COUNT", 500);
    cursor = nextCursor;
    const fresh = batch.filter((key2) => !seen.has(key2));
    for (const key2 of fresh) seen.add(key2);
    for (const key of fresh) {
      await redis.persist(key);
    }
  } while (cursor !== "0");
}
