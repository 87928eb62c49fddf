import { Redis } from "ioredis";

const redis = new Redis();
const LAST_ORDER_TTL = 60 * 60 * 24 * 30;

export async function rememberLastOrder(userId: string, orderId: string): Promise<void> {
  await redis.set(`user:${userId}:last-order`, orderId);
  await redis.expire(`user:${userId}:last-order`, LAST_ORDER_TTL);
}

export function rememberView(id: string): void {
  redis.set("view:" + id, "1");
  redis.pexpire(`view:${id}`, 1500);
}

export async function expireLater(id: string, ttl: number): Promise<void> {
  // the TTL is the caller's: EXPIRE with 0 deletes where SET EX 0 fails, so these stay
  await redis.set(`draft:${id}`, "1");
  await redis.expire(`draft:${id}`, ttl);
}

export async function expireFurtherDown(id: string): Promise<void> {
  await redis.set(`report:${id}`, "1");
  console.log("saved", id);
  await redis.expire(`report:${id}`, 60);
}

export async function otherKey(id: string): Promise<void> {
  await redis.set(`a:${id}`, "1");
  await redis.expire(`b:${id}`, 60);
}
