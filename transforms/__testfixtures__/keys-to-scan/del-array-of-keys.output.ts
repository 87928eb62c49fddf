import { Redis } from "ioredis";

const redis = new Redis();

export async function dropSessions(userId: string): Promise<void> {
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", `session:${userId}:*`, "COUNT", 500);
    cursor = nextCursor;
    if (batch.length > 0) await redis.del(batch);
  } while (cursor !== "0");
}
