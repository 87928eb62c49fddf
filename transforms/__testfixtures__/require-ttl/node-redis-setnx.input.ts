import { createClient } from "redis";

const client = createClient();

export async function acquire(orderId: string, owner: string): Promise<boolean> {
  const acquired = await client.setNX(`lock:order:${orderId}`, owner);
  return acquired === 1;
}

export async function once(id: string): Promise<string> {
  if (!(await client.setNX(`once:${id}`, "1"))) return "again";
  return "first";
}
