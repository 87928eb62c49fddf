import { Redis } from "ioredis";

const redis = new Redis();

/** The first job that is still pending; stops at the first hit. */
export async function firstPending(): Promise<string | undefined> {
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "job:*", "COUNT", 500);
    cursor = nextCursor;
    for (const key2 of batch) found.add(key2);
  } while (cursor !== "0");
  for (const key of [...found]) {
    if ((await redis.hget(key, "state")) === "pending") {
      return key;
    }
    if (key.endsWith(":stop")) break;
  }
  return undefined;
}
