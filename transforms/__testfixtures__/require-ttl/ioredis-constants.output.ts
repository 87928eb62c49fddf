import { Redis } from "ioredis";

const redis = new Redis();
const EXPIRY = "EX";
const ONLY_NEW = "NX";
const FEATURES_KEY = "config:features";
const LOCK_PREFIX = "lock:";
const userKey = (id: string) => `user:${id}`;
function settingsKey(name: string): string {
  return "config:" + name;
}

export async function constantsEverywhere(id: string, owner: string): Promise<void> {
  await redis.set(userKey(id), "1", EXPIRY, 60);
  await redis.set(FEATURES_KEY, "{}");
  await redis.set(settingsKey("theme"), "dark");
  await redis.set(LOCK_PREFIX + id, owner, "EX", 30, ONLY_NEW);
  await redis.set(userKey(id), "2", "EX", 3600);
}
