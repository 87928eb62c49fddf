import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL });

export async function buildReport(date: string, body: string): Promise<string | null> {
  const gotLock = await client.set(`lock:report:${date}`, String(process.pid), { NX: true });
  if (!gotLock) return null;
  await client.set(`report:daily:${date}`, body);
  return body;
}

export async function swap(id: string, value: string): Promise<string | null> {
  return client.set(`swap:${id}`, value, { GET: true });
}

export async function conditional(id: string, value: string): Promise<void> {
  await client.set(`cond:${id}`, value, {
    XX: true,
    GET: true,
  });
  await client.set(`cond2:${id}`, value, {
    condition: "NX",
  });
  await client.SET(`upper:${id}`, value);
}

export async function queued(id: string): Promise<void> {
  await client.multi().set(`m:${id}`, "1").get(`m:${id}`).exec();
}
