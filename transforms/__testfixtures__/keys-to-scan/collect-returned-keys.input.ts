import { Redis } from "ioredis";

const redis = new Redis();

export async function listReports(): Promise<string[]> {
  const keys = await redis.keys("report:daily:*");
  return keys.map((k) => k.slice("report:daily:".length)).sort();
}

export async function allCarts(): Promise<string[]> {
  return await redis.keys("cart:*");
}

export const countLocks = async () => (await redis.keys("lock:*")).length;

export async function hasDrafts(user: string): Promise<boolean> {
  if (user) return (await redis.keys(`draft:${user}:*`)).length > 0;
  return false;
}
