import { Redis } from "ioredis";
import { key, keyPattern, glob } from "./redis/key";

const redis = new Redis();

export async function profile(id: string): Promise<string[]> {
  await redis.get(key("user", id, "profile"));
  await redis.get(key("user", id, "avatar"));
  return redis.keys(keyPattern("user", id, glob("*")));
}
