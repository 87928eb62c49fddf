import { Redis } from "ioredis";

const redis = new Redis();

export async function prefs(userId: string): Promise<void> {
  await redis.mset(
    `prefs:${userId}:locale`, "en-GB",
    `prefs:${userId}:currency`, "EUR"
  );
  await redis.mset({ "prefs:default:theme": "light", counter: "0" });
  await redis.mget(`prefs:${userId}:locale`, `prefs:${userId}:currency`);
  await redis.del("cart:" + userId, "cart:" + userId + ":items");
  await redis.unlink(["tmp:a", "tmp:b"]);
  await redis.eval("return redis.call('GET', KEYS[1])", 1, `prefs:${userId}:locale`, "unused-arg");
  await redis.rename("old:" + userId, "new:" + userId);
}
