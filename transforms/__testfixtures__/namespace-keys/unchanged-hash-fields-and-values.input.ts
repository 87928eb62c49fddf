import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

export async function save(id: string): Promise<void> {
  // Hash fields, values and channels look like keys but are not key positions.
  await redis.hset(key("user", id), "cart:current", "cart:" + id);
  await redis.set(key("user", id, "last"), `order:${id}`);
  await redis.publish(`orders:${id}`, "user:" + id);
  await redis.sadd(key("user", id, "orders"), "order:1", "order:2");
  await redis.hscan(key("user", id), "0", "MATCH", "cart:*");
}
