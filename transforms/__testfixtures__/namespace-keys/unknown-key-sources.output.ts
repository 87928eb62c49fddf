import { Redis } from "ioredis";
import { sessionKey, CART_PREFIX } from "./keys";
import { key } from "./redis/key";

const redis = new Redis();
const tenantKey = (tenant: string) => `${tenant}:settings`;

export async function cached(k: string): Promise<string | null> {
  const hit = await redis.get(k);
  if (hit) return hit;
  await redis.set(k, "pending");
  return null;
}

export async function session(sid: string, tenant: string, job: { key: string }): Promise<void> {
  await redis.get(sessionKey(sid));
  await redis.get(CART_PREFIX + sid);
  await redis.get(job.key);
  await redis.get(`${tenant}:user:${sid}`);
  await redis.lpush("bull:mail:wait", sid);
  const pointer = await redis.get(key("alias", sid));
  if (pointer) await redis.get(pointer);
  await redis.get(tenantKey(tenant));
  await redis.incr(key("42"));
}
