import { Redis } from "ioredis";

const redis = new Redis();

export async function raw(id: string, value: string): Promise<unknown> {
  await redis.call("set", `raw:${id}`, value);
  return redis.call("SET", `raw:${id}:once`, value, "NX");
}
