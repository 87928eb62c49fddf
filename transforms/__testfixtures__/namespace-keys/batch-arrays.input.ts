import { Redis } from "ioredis";

const redis = new Redis();

export async function warm(home: string, pricing: string, stale: string[]): Promise<void> {
  await redis.get("page:about");
  await redis
    .pipeline([
      ["set", "page:home", home],
      ["expire", "page:home", 300],
      ["mset", "page:pricing", pricing, "page:faq", "?"],
      ["hset", `page:${home}:meta`, "title", "Home"],
      ["del", ...stale],
    ])
    .exec();
  await redis.multi([["INCR", "stats:warmups"]]).exec();
}
