import { createClient } from "redis";
import { key, keyPattern, glob } from "./redis/key";

const client = createClient({ url: process.env.REDIS_URL });

export async function checkout(orderId: string, owner: string, skus: string[]): Promise<boolean> {
  const locked = await client.set(key("lock", "checkout", orderId), owner, { NX: true, EX: 30 });
  await client.hSet(key("order", orderId), { status: "open", "line:1": skus[0] });
  await client.mSet({ [key("order", orderId, "owner")]: owner, [key("order", "last")]: orderId });
  await client.mSet([[key("stats", "orders"), "1"], [key("stats", "order", orderId), "1"]]);
  await client.mGet([key("order", orderId, "owner"), key("order", "last")]);
  await client.eval("return redis.call('INCR', KEYS[1])", { keys: [key("stats", "order", orderId)], arguments: [] });
  await client.sendCommand(["GET", key("order", orderId, "owner")]);
  await client.publish(`orders:${orderId}`, "created");
  return locked === "OK";
}

export async function orderKeys(): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: keyPattern("order", glob("*")), COUNT: 500 })) found.push(...batch);
  const { keys } = await client.scan("0", { MATCH: keyPattern("stats", glob("*")) });
  return [...found, ...keys, ...(await client.keys(keyPattern("order", glob("*"), "owner")))];
}
