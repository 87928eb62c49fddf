import { createClient } from "redis";

export async function buildDailyReport(date: string): Promise<string[]> {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  try {
    const gotLock = await client.set(`lock:report:${date}`, String(process.pid), { NX: true, EX: 30 });
    if (!gotLock) return [];
    await client.set(`report:daily:${date}`, "{}", { EX: 3600 });
    const found = new Set<string>();
    for await (const k of client.scanIterator({ MATCH: "report:daily:*", COUNT: 500 })) found.add(k);
    return [...found];
  } finally {
    await client.quit();
  }
}
