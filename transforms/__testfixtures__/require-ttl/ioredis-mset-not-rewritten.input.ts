import { Redis } from "ioredis";

const redis = new Redis();
declare function nextId(): string;

export async function replyUsed(a: string): Promise<"OK"> {
  return redis.mset(`x:${a}`, "1", `y:${a}`, "2");
}

export async function pairsFromElsewhere(pairs: Record<string, string>): Promise<void> {
  await redis.mset(pairs);
}

export async function keyFromACall(): Promise<void> {
  await redis.mset(`job:${nextId()}`, "queued");
}

export async function queued(a: string): Promise<void> {
  await redis.pipeline().mset(`q:${a}`, "1").exec();
}

export async function onlyIfNew(a: string): Promise<void> {
  await redis.msetnx(`new:${a}:x`, "1", `new:${a}:y`, "2");
}

export async function persistentOnly(): Promise<void> {
  await redis.msetnx("config:a", "1", "config:b", "2");
  await redis.mset("config:c", "3");
}
