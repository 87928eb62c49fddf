import { createClient } from "redis";

const client = createClient();

export async function acquire(name: string, owner: string): Promise<boolean> {
  const acquired = await client.set(`lock:${name}`, owner, { NX: true, EX: 30 });
  return acquired === "OK";
}

export async function busy(name: string): Promise<boolean> {
  return (await client.set(`busy:${name}`, "1", { NX: true, EX: 3600 })) === null;
}

export async function mark(name: string): Promise<void> {
  await client.set(`mark:${name}`, "1", { NX: true, EX: 3600 });
  await client.multi().mSet({ [`a:${name}`]: "1", [`b:${name}`]: "2" })
    .expire(`a:${name}`, 3600)
    .expire(`b:${name}`, 3600)
    .exec();
}
