import { Redis } from "ioredis";
import { key, keyPattern, glob } from "./redis/key";

const redis = new Redis();

async function cached(k: string, fallback: string): Promise<string> {
  const hit = await redis.get(k);
  return hit ?? fallback;
}

const forget = (k: string) => redis.del(k);

export async function profile(id: string): Promise<string> {
  await forget(key("user", id, "stale"));
  return cached(key("user", id, "profile"), "{}");
}

export async function purge(): Promise<void> {
  for (const k of await redis.keys(keyPattern("tmp", glob("*")))) await forget(k);
}
