import { Redis } from "ioredis";

const redis = new Redis();

export async function expiring(id: string, v: string, at: number): Promise<void> {
  await redis.set(`a:${id}`, v, "EX", 60);
  await redis.set(`b:${id}`, v, "PX", 1500, "NX");
  await redis.set(`c:${id}`, v, "EXAT", at);
  await redis.set(`d:${id}`, v, "PXAT", at * 1000);
  await redis.set(`e:${id}`, v, "KEEPTTL");
  await redis.call("set", `f:${id}`, v, "ex", 60);
  await redis.setex(`g:${id}`, 60, v);
  await redis.psetex(`h:${id}`, 1500, v);
  await redis.call("set", `i:${id}`, v, "EX", 60);
  await redis.pipeline([["set", `j:${id}`, v, "PX", 10]]).exec();
  await redis.multi().set(`k:${id}`, v).expire(`k:${id}`, 60).exec();
}
