import { Redis } from "ioredis";

const redis = new Redis();

export async function snapshot(): Promise<unknown> {
  return redis.multi().keys("order:*").get("orders:count").exec();
}
