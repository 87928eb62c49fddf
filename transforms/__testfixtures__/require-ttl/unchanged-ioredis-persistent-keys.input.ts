import { Redis } from "ioredis";
import { key } from "./lib/key";

const redis = new Redis();
const FLAGS = "feature-flags:checkout";
const configKey = (name: string) => `config:${name}`;

export async function save(name: string, flags: string): Promise<void> {
  await redis.set("config:features", flags);
  await redis.set(`config:${name}`, flags);
  await redis.set(FLAGS, flags);
  await redis.set(configKey(name), flags);
  await redis.set(key("config", name), flags);
  await redis.setnx(`feature-flags:${name}`, "on");
  await redis.mset({ "config:a": "1", "config:b": "2" });
  await redis.hset(`config:${name}:meta`, "by", "ops");
}
