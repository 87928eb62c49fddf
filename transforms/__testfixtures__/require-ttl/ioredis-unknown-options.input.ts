import { Redis } from "ioredis";

const redis = new Redis();

export async function viaSpread(key: string, value: string, extra: string[]): Promise<void> {
  await redis.set(key, value, ...extra);
}

export async function viaMode(key: string, value: string, mode: "EX" | "PX", amount: number): Promise<void> {
  await redis.set(key, value, mode, amount);
}
