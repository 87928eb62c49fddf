import { Redis } from "ioredis";
import { keyPattern, glob } from "./redis/key";

const redis = new Redis();

export async function sweep(userId: string): Promise<number> {
  const cached = await redis.keys(keyPattern("cache", glob("*")));
  let cursor = "0";
  let found = cached.length;
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", keyPattern("user", userId, glob("*")), "COUNT", 500);
    cursor = next;
    found += batch.length;
    for (const k of batch) await redis.del(k);
  } while (cursor !== "0");
  const stream = redis.scanStream({ match: keyPattern("session", glob("*")), count: 500 });
  stream.on("data", (keys: string[]) => {
    found += keys.length;
  });
  await redis.call("scan", "0", "MATCH", keyPattern("report", glob("2024-??-*")));
  return found;
}
