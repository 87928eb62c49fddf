import { Redis } from "ioredis";
import { createClient } from "redis";

const redis = new Redis({ maxRetriesPerRequest: 3, enableOfflineQueue: false });
const client = createClient({ url: process.env.REDIS_URL });

export async function flushCache(): Promise<void> {
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", "cache:*", "COUNT", 500);
    cursor = next;
    if (batch.length) await redis.del(...batch);
  } while (cursor !== "0");
}

export async function sessionIds(): Promise<string[]> {
  const seen = new Set<string>();
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", "session:*", "COUNT", 500);
    cursor = next;
    for (const k of batch) seen.add(k);
  } while (cursor !== "0");
  const keys = [...seen];
  return keys.map((k) => k.split(":")[1]);
}

export async function savePrefs(userId: string): Promise<void> {
  await redis.set(`user:${userId}:seen`, "1", "EX", 3600);
  await client.set(`user:${userId}:visits`, "1", { EX: 3600 });
  await redis
    .multi()
    .mset(`prefs:${userId}:locale`, "en-GB", `prefs:${userId}:theme`, "light")
    .expire(`prefs:${userId}:locale`, 3600)
    .expire(`prefs:${userId}:theme`, 3600)
    .exec();
}

export async function exportKeys(): Promise<number> {
  let n = 0;
  for await (const batch of client.scanIterator({ MATCH: "export:*", COUNT: 500 })) n += batch.length;
  const stream = redis.scanStream({ match: "tmp:*", count: 500 });
  for await (const keys of stream) n += (keys as string[]).length;
  return n;
}

export function checkExports(): Promise<void[]> {
  return (async () => {
    const found = new Set<string>(); // SCAN may return a key more than once
    let cursor = "0";
    do {
      const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "export:*", "COUNT", 500);
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
