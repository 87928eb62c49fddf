import { createClient } from "redis";

const client = createClient();

export async function notify(userId: string, send: (to: string) => Promise<void>): Promise<void> {
  const seen = new Set<string>(); // SSCAN may return a member more than once
  let cursor = 0;
  do {
    const { cursor: nextCursor, members: batch } = await client.sScan(`followers:${userId}`, cursor, { COUNT: 500 });
    cursor = nextCursor;
    const fresh = batch.filter((member) => !seen.has(member));
    for (const member of fresh) seen.add(member);
    for (const follower of fresh) {
      await send(follower);
    }
  } while (cursor !== 0);
}
