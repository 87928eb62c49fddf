import { createClient } from "redis";

const client = createClient();

export async function remember(userId: string, orderId: string): Promise<void> {
  await client.set(`user:${userId}:last-order`, orderId, { EX: 86400 });
  await client.set(`user:${userId}:last-seen`, Date.now(), { GET: true, PX: 5000 });
}
