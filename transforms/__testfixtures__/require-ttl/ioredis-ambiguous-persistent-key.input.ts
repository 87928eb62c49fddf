import { Redis } from "ioredis";

const redis = new Redis();

export async function save(kind: string, name: string, value: string): Promise<void> {
  // "config" + kind may or may not be "config:..." — a human decides
  await redis.set("config" + kind, value);
  await redis.set(`feature-${name}`, value);
  // nothing literal to go by: not persistent
  await redis.set(kind, value);
}
