import { Redis } from "ioredis";

const redis = new Redis();

export async function notifyFollowers(userId: string, send: (to: string) => Promise<void>): Promise<void> {
  const seen = new Set<string>(); // SSCAN may return a member more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.sscan(`followers:${userId}`, cursor, "COUNT", 500);
    cursor = nextCursor;
    const fresh = batch.filter((member) => !seen.has(member));
    for (const member of fresh) seen.add(member);
    for (const follower of fresh) {
      await send(follower);
    }
  } while (cursor !== "0");
}

export async function followerCount(userId: string): Promise<number> {
  const followers = await redis.smembers(`followers:${userId}`);
  return followers.length;
}
