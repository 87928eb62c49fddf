import { Redis } from "ioredis";
import { key, keyPattern, glob } from "./redis/key";

const redis = new Redis();
const FLAGS_KEY = key("config", "features");

export async function load(id: string): Promise<Array<string | null>> {
  const userKey = key("user", id);
  await redis.keys(keyPattern("user", glob("*")));
  await redis.get("shop:prod:legacy:flag");
  return [await redis.get(userKey), await redis.get(FLAGS_KEY), await redis.get(key("cart", id))];
}
