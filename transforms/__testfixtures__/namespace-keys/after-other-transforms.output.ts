import { Redis } from "ioredis";
import { createClient } from "redis";
import { key, keyPattern, glob } from "./redis/key";

const redis = new Redis({ maxRetriesPerRequest: 3, enableOfflineQueue: false });
const client = createClient({ url: process.env.REDIS_URL });

export async function flushCache(): Promise<void> {
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", keyPattern("cache", glob("*")), "COUNT", 500);
    cursor = next;
    if (batch.length) await redis.del(...batch);
  } while (cursor !== "0");
}

export async function sessionIds(): Promise<string[]> {
  const seen = new Set<string>();
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", keyPattern("session", glob("*")), "COUNT", 500);
    cursor = next;
    for (const k of batch) seen.add(k);
  } while (cursor !== "0");
  const keys = [...seen];
  return keys.map((k) => k.split(":")[1]);
}

export async function savePrefs(userId: string): Promise<void> {
  await redis.set(key("user", userId, "seen"), "1", "EX", 3600);
  await client.set(key("user", userId, "visits"), "1", { EX: 3600 });
  await redis
    .multi()
    .mset(key("prefs", userId, "locale"), "en-GB", key("prefs", userId, "theme"), "light")
    .expire(key("prefs", userId, "locale"), 3600)
    .expire(key("prefs", userId, "theme"), 3600)
    .exec();
}

export async function exportKeys(): Promise<number> {
  let n = 0;
  for await (const batch of client.scanIterator({ MATCH: keyPattern("export", glob("*")), COUNT: 500 })) n += batch.length;
  const stream = redis.scanStream({ match: keyPattern("tmp", glob("*")), count: 500 });
  for await (const keys of stream) n += (keys as string[]).length;
  return n;
}

export function checkExports(): Promise<void[]> {
  return (async () => {
    const found = new Set<string>(); // SCAN may return a key more than once
    let cursor = "0";
    do {
      const [nextCursor, batch] = await redis.scan(cursor, "MATCH", keyPattern("export", glob("*")), "COUNT", 500);
      cursor = nextCursor;
      for (const key of batch) found.add(key);
    } while (cursor !== "0");
    return [...found];
  })().then((keys) =>
    Promise.all(
      keys.map(async (k) => {
        if ((await redis.ttl(k)) === -1) await redis.expire(k, 86400);
      })
    )
  );
}
