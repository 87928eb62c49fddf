import { createClient } from "redis";

const client = createClient();

export async function clearCache() {
  const found = new Set(); // SCAN may return a key more than once
  for await (const batch of client.scanIterator({ MATCH: "cache:*", COUNT: 500 })) {
    for (const key of batch) found.add(key);
  }
  const keys = [...found];
  if (keys.length) await client.del(...keys);
}
