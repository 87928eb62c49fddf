import { createClient } from "redis";

const client = createClient();

export async function acquire(name: string, owner: string): Promise<boolean> {
  const acquired = await client.setNX(`lock:${name}`, owner);
  return acquired === true;
}

export async function busy(name: string): Promise<boolean> {
  return (await client.setNX(`busy:${name}`, "1")) === false;
}

export async function mark(name: string): Promise<void> {
  await client.setNX(`mark:${name}`, "1");
  await client.mSet({ [`a:${name}`]: "1", [`b:${name}`]: "2" });
}
