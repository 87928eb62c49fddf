import { Redis } from "ioredis";
import { keyPattern, glob } from "./redis/key";

const redis = new Redis();

export async function purge(): Promise<number> {
  let removed = 0;
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", keyPattern("tmp", glob("*")), "COUNT", 500);
    cursor = next;
    for (const k of batch) removed += await redis.del(k);
  } while (cursor !== "0");
  const listed = await redis.keys(keyPattern("old", glob("*")));
  listed.forEach((k) => redis.unlink(k));
  await redis.unlink(...listed);
  for (const group of listed) await redis.del(`${group}:lock`);
  return removed;
}
