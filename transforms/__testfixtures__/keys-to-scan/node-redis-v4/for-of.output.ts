import { createClient } from "redis";

const client = createClient();

export async function warm(load: (key: string) => Promise<void>): Promise<void> {
  const seen = new Set<string>(); // SCAN may return a key more than once
  let cursor = 0;
  do {
    const { cursor: nextCursor, keys: batch } = await client.scan(cursor, { MATCH: "product:*", COUNT: 500 });
    cursor = nextCursor;
    const fresh = batch.filter((key2) => !seen.has(key2));
    for (const key2 of fresh) seen.add(key2);
    for (const key of fresh) {
      await load(key);
    }
  } while (cursor !== 0);
}
