import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL });

export async function warmCache(load: (key: string) => Promise<void>): Promise<void> {
  // the cache warmer walks every product
  const seen = new Set<string>(); // SCAN may return a key more than once
  for await (const batch of client.scanIterator({ MATCH: "product:*", COUNT: 500 })) {
    const fresh = batch.filter((key2) => !seen.has(key2));
    for (const key2 of fresh) seen.add(key2);
    for (const key of fresh) {
      await load(key);
    }
  }
}
