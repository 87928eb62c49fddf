import { Redis } from "ioredis";

const redis = new Redis();

export async function sessions(): Promise<string[]> {
  const found = new Set<string>();
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", "session:*", "COUNT", 500);
    cursor = next;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  return [...found];
}
