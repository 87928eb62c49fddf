import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

const BANNER_KEY = "banner:current";

export async function homepage(): Promise<Array<string | null>> {
  const flags = await redis.get(key("config", "features"));
  const lists = await redis.mget(key("catalog", "featured"), key("catalog", "bestsellers"), key("catalog", "lists", "new"));
  console.log("banner lives at %s", BANNER_KEY);
  await redis.get(key("banner", "current"));
  return [flags, ...lists];
}
