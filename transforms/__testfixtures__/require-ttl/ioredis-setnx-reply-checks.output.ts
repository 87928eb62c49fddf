import { Redis } from "ioredis";

const redis = new Redis();

export async function acquireCheckoutLock(orderId: string, owner: string): Promise<boolean> {
  const acquired = await redis.set(`lock:checkout:${orderId}`, owner, "EX", 30, "NX");
  return acquired === "OK";
}

export async function startImport(batch: string): Promise<string> {
  const started = await redis.set(`import:${batch}:started`, Date.now(), "EX", 3600, "NX");
  if (started === null) {
    return "already running";
  }
  return started !== null ? "started" : "unreachable";
}

export async function onlyOnce(id: string): Promise<boolean> {
  if ((await redis.set(`once:${id}`, "1", "EX", 3600, "NX")) !== null) {
    return true;
  }
  return (await redis.set(`once:${id}:again`, "1", "EX", 3600, "NX")) !== null;
}

export async function remember(id: string): Promise<void> {
  // the reply is not read at all
  await redis.set(`seen:${id}`, "1", "EX", 3600, "NX");
}

export async function leader(node: string): Promise<boolean> {
  const won = (await redis.set("leader-lock", node, "EX", 30, "NX")) == "OK";
  return won && node.length > 0;
}
