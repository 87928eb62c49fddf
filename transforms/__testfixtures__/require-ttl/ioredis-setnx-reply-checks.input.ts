import { Redis } from "ioredis";

const redis = new Redis();

export async function acquireCheckoutLock(orderId: string, owner: string): Promise<boolean> {
  const acquired = await redis.setnx(`lock:checkout:${orderId}`, owner);
  return acquired === 1;
}

export async function startImport(batch: string): Promise<string> {
  const started = await redis.setnx(`import:${batch}:started`, Date.now());
  if (!started) {
    return "already running";
  }
  return started !== 0 ? "started" : "unreachable";
}

export async function onlyOnce(id: string): Promise<boolean> {
  if (await redis.setnx(`once:${id}`, "1")) {
    return true;
  }
  return Boolean(await redis.setnx(`once:${id}:again`, "1"));
}

export async function remember(id: string): Promise<void> {
  // the reply is not read at all
  await redis.setnx(`seen:${id}`, "1");
}

export async function leader(node: string): Promise<boolean> {
  const won = (await redis.setnx("leader-lock", node)) == 1;
  return won && node.length > 0;
}
