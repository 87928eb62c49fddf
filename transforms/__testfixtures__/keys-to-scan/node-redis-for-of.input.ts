import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL });

export async function warmCache(load: (key: string) => Promise<void>): Promise<void> {
  // the cache warmer walks every product
  for (const key of await client.keys("product:*")) {
    await load(key);
  }
}
