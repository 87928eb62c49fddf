import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

export async function prefs(userId: string): Promise<void> {
  await redis.mset(
    key("prefs", userId, "locale"), "en-GB",
    key("prefs", userId, "currency"), "EUR"
  );
  await redis.mset({ [key("prefs", "default", "theme")]: "light", [key("counter")]: "0" });
  await redis.mget(key("prefs", userId, "locale"), key("prefs", userId, "currency"));
  await redis.del(key("cart", userId), key("cart", userId, "items"));
  await redis.unlink([key("tmp", "a"), key("tmp", "b")]);
  await redis.eval("return redis.call('GET', KEYS[1])", 1, key("prefs", userId, "locale"), "unused-arg");
  await redis.rename(key("old", userId), key("new", userId));
}
