import { Redis } from "ioredis";

const redis = new Redis();

/** The first job that is still pending; stops at the first hit. */
export async function firstPending(): Promise<string | undefined> {
  for (const key of await redis.keys("job:*")) {
    if ((await redis.hget(key, "state")) === "pending") {
      return key;
    }
    if (key.endsWith(":stop")) break;
  }
  return undefined;
}
