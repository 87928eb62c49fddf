import { Redis } from "ioredis";

const redis = new Redis();

export async function reserve(name: string, owner: string): Promise<number> {
  return redis.setnx(`reservation:${name}`, owner);
}

export async function count(name: string, owner: string): Promise<number> {
  const added = await redis.setnx(`member:${name}`, owner);
  return added + 1;
}

export function later(name: string): Promise<void> {
  return redis.setnx(`later:${name}`, "1").then((n) => console.log("set", n));
}

export async function onMulti(name: string): Promise<void> {
  await redis.multi().setnx(`queued:${name}`, "1").exec();
}

export async function persistentFlag(name: string): Promise<number> {
  return redis.setnx(`config:${name}`, "on");
}
