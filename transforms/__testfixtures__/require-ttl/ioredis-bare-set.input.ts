import { Redis } from "ioredis";

const redis = new Redis();

export async function saveCart(userId: string, cart: object): Promise<void> {
  // the cart outlives the request, but not forever
  await redis.set(`cart:${userId}`, JSON.stringify(cart));
}

export async function saveCoupon(userId: string, code: string): Promise<void> {
  await redis.set("cart:" + userId + ":coupon", code); // trailing comment stays
}

export function touch(id: number): void {
  redis.set('visit:' + id, Date.now());
}

export async function saveProfile(userId: string, profile: { name: string; email: string }): Promise<void> {
  await redis.set(
    `profile:${userId}`,
    JSON.stringify({ name: profile.name, email: profile.email, savedAt: Date.now() }),
  );
}

export async function saveMany(items: Array<{ id: string; body: string }>): Promise<string[]> {
  return Promise.all(items.map((item) => redis.set(`item:${item.id}`, item.body)));
}
