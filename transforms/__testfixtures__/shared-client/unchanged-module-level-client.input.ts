import { Redis } from "ioredis";

// One connection for this worker process, opened at startup.
export const redis = new Redis(process.env.REDIS_URL!);

export async function lastSeen(userId: string): Promise<string | null> {
  return redis.get(`seen:${userId}`);
}
