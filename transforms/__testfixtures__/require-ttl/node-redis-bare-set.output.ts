import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL });

export async function buildReport(date: string, body: string): Promise<string | null> {
  const gotLock = await client.set(`lock:report:${date}`, String(process.pid), { NX: true, EX: 30 });
  if (!gotLock) return null;
  await client.set(`report:daily:${date}`, body, { EX: 3600 });
  return body;
}

export async function swap(id: string, value: string): Promise<string | null> {
  return client.set(`swap:${id}`, value, { GET: true, EX: 3600 });
}

export async function conditional(id: string, value: string): Promise<void> {
  await client.set(`cond:${id}`, value, {
    XX: true,
    GET: true,
    EX: 3600,
  });
  await client.set(`cond2:${id}`, value, {
    condition: "NX",
    EX: 3600,
  });
  await client.SET(`upper:${id}`, value, { EX: 3600 });
}

export async function queued(id: string): Promise<void> {
  await client.multi().set(`m:${id}`, "1", { EX: 3600 }).get(`m:${id}`).exec();
}
