import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

export async function warm(home: string, pricing: string, stale: string[]): Promise<void> {
  await redis.get(key("page", "about"));
  await redis
    .pipeline([
      ["set", key("page", "home"), home],
      ["expire", key("page", "home"), 300],
      ["mset", key("page", "pricing"), pricing, key("page", "faq"), "?"],
      ["hset", key("page", home, "meta"), "title", "Home"],
      ["del", ...stale],
    ])
    .exec();
  await redis.multi([["INCR", key("stats", "warmups")]]).exec();
}
