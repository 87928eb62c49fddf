import { createClient, type SetOptions } from "redis";

const client = createClient();
const ONLY_NEW = { NX: true } as const;
const WITH_TTL = { EX: 60 } as const;

export async function claim(name: string, owner: string): Promise<boolean> {
  return (await client.set(`claim:${name}`, owner, { ...ONLY_NEW, EX: 3600 })) === "OK";
}

export async function cached(name: string, body: string): Promise<void> {
  await client.set(`cached:${name}`, body, WITH_TTL);
}

export async function passedIn(name: string, body: string, options: SetOptions): Promise<void> {
  await client.set(`passed:${name}`, body, options);
}
