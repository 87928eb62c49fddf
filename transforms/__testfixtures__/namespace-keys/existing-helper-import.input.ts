import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

export async function profile(id: string): Promise<string[]> {
  await redis.get(key("user", id, "profile"));
  await redis.get("user:" + id + ":avatar");
  return redis.keys(`user:${id}:*`);
}
