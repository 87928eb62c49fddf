import { Redis } from "ioredis";

const redis = new Redis();

export async function archive(cursor: { write(k: string): void }, batch: number): Promise<number> {
  const found2 = new Set<string>(); // SCAN may return a key more than once
  let cursor3 = "0";
  do {
    const [nextCursor2, batch3] = await redis.scan(cursor3, "MATCH", "order:*", "COUNT", 500);
    cursor3 = nextCursor2;
    for (const key3 of batch3) found2.add(key3);
  } while (cursor3 !== "0");
  const found = [...found2];
  const seen = new Set<string>(); // SCAN may return a key more than once
  let cursor2 = "0";
  do {
    const [nextCursor, batch2] = await redis.scan(cursor2, "MATCH", "invoice:*", "COUNT", 500);
    cursor2 = nextCursor;
    const fresh = batch2.filter((key2) => !seen.has(key2));
    for (const key2 of fresh) seen.add(key2);
    for (const key of fresh) cursor.write(key);
  } while (cursor2 !== "0");
  return found.length + batch;
}
