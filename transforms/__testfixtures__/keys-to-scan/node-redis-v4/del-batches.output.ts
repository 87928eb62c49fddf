import { createClient } from "redis";

const client = createClient();

export async function clearCache(): Promise<void> {
  let cursor = 0;
  do {
    const { cursor: nextCursor, keys: batch } = await client.scan(cursor, { MATCH: "cache:*", COUNT: 500 });
    cursor = nextCursor;
    if (batch.length !== 0) await client.del(batch);
  } while (cursor !== 0);
}
