import { Redis } from "ioredis";

const redis = new Redis();

export async function dropSessions(userId: string): Promise<void> {
  const sessions = await redis.keys(`session:${userId}:*`);
  if (sessions.length > 0) await redis.del(sessions);
}
