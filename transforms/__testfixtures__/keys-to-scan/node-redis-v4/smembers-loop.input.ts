import { createClient } from "redis";

const client = createClient();

export async function notify(userId: string, send: (to: string) => Promise<void>): Promise<void> {
  const followers = await client.sMembers(`followers:${userId}`);
  for (const follower of followers) {
    await send(follower);
  }
}
