import { Redis } from "ioredis";

const redis = new Redis();

export async function loadCart(userId: string, page: number): Promise<string | null> {
  // the cart body and its items
  const raw = await redis.get(`cart:${userId}`);
  await redis.hgetall("cart:" + userId + ":items");
  await redis.set("User:" + userId + ":seen", "1", "EX", 3600);
  await redis.del("flat_key");
  await redis.get(`user_${userId}`);
  await redis.get(`page:${userId}-${page}:html`);
  await redis.incr(page > 1 ? `views:${page}` : "views:first");
  // a cluster hash tag keeps the order's keys in one slot
  await redis.lrange("{order:" + userId + "}:lines", 0, -1);
  return raw;
}
