import { createClient } from "redis";

const client = createClient();

export async function acquire(orderId: string, owner: string): Promise<boolean> {
  const acquired = await client.set(`lock:order:${orderId}`, owner, { NX: true, EX: 30 });
  return acquired === "OK";
}

export async function once(id: string): Promise<string> {
  if ((await client.set(`once:${id}`, "1", { NX: true, EX: 3600 })) === null) return "again";
  return "first";
}
