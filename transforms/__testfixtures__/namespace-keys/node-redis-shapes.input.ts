import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL });

export async function checkout(orderId: string, owner: string, skus: string[]): Promise<boolean> {
  const locked = await client.set(`lock:checkout:${orderId}`, owner, { NX: true, EX: 30 });
  await client.hSet(`order:${orderId}`, { status: "open", "line:1": skus[0] });
  await client.mSet({ [`order:${orderId}:owner`]: owner, "order:last": orderId });
  await client.mSet([["stats:orders", "1"], [`stats:order:${orderId}`, "1"]]);
  await client.mGet([`order:${orderId}:owner`, "order:last"]);
  await client.eval("return redis.call('INCR', KEYS[1])", { keys: [`stats:order:${orderId}`], arguments: [] });
  await client.sendCommand(["GET", `order:${orderId}:owner`]);
  await client.publish(`orders:${orderId}`, "created");
  return locked === "OK";
}

export async function orderKeys(): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: "order:*", COUNT: 500 })) found.push(...batch);
  const { keys } = await client.scan("0", { MATCH: "stats:*" });
  return [...found, ...keys, ...(await client.keys("order:*:owner"))];
}
