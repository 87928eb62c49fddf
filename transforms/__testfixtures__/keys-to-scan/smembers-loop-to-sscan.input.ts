import { Redis } from "ioredis";

const redis = new Redis();

export async function notifyFollowers(userId: string, send: (to: string) => Promise<void>): Promise<void> {
  for (const follower of await redis.smembers(`followers:${userId}`)) {
    await send(follower);
  }
}

export async function followerCount(userId: string): Promise<number> {
  const followers = await redis.smembers(`followers:${userId}`);
  return followers.length;
}
