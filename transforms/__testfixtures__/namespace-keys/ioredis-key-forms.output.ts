import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

export async function loadCart(userId: string, page: number): Promise<string | null> {
  // the cart body and its items
  const raw = await redis.get(key("cart", userId));
  await redis.hgetall(key("cart", userId, "items"));
  await redis.set(key("user", userId, "seen"), "1", "EX", 3600);
  await redis.del(key("flat_key"));
  await redis.get(key(`user_${userId}`));
  await redis.get(key("page", `${userId}-${page}`, "html"));
  await redis.incr(page > 1 ? key("views", page) : key("views", "first"));
  // a cluster hash tag keeps the order's keys in one slot
  await redis.lrange(key("{order", `${userId}}`, "lines"), 0, -1);
  return raw;
}
