import { createClient } from "redis";

const client = createClient();

export async function clearCache(): Promise<void> {
  for await (const batch of client.scanIterator({ MATCH: "cache:*", COUNT: 500 })) {
    if (batch.length) {
      await client.del(batch);
    }
  }
}

export async function clearDrafts(): Promise<void> {
  for await (const batch of client.scanIterator({ MATCH: "draft:*", COUNT: 500 })) {
    if (batch.length) await client.unlink(batch);
  }
}
