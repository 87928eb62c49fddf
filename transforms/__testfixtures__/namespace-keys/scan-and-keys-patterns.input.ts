import { Redis } from "ioredis";

const redis = new Redis();

export async function sweep(userId: string): Promise<number> {
  const cached = await redis.keys("cache:*");
  let cursor = "0";
  let found = cached.length;
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `user:${userId}:*`, "COUNT", 500);
    cursor = next;
    found += batch.length;
    for (const k of batch) await redis.del(k);
  } while (cursor !== "0");
  const stream = redis.scanStream({ match: "session:*", count: 500 });
  stream.on("data", (keys: string[]) => {
    found += keys.length;
  });
  await redis.call("scan", "0", "MATCH", "report:2024-??-*");
  return found;
}
