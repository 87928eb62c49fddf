import { createClient } from "redis";

const client = createClient();

export async function remember(userId: string, orderId: string): Promise<void> {
  await client.set(`user:${userId}:last-order`, orderId);
  await client.expire(`user:${userId}:last-order`, 86400);
  await client.set(`user:${userId}:last-seen`, Date.now(), { GET: true });
  await client.pExpire(`user:${userId}:last-seen`, 5000);
}
