import { createClient } from "redis";

export async function buildDailyReport(date: string, body: string): Promise<string | null> {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  try {
    const gotLock = await client.set(`lock:report:${date}`, String(process.pid), { NX: true, EX: 30 });
    if (!gotLock) {
      // another instance is building it right now
      return null;
    }
    await client.set(`report:daily:${date}`, body, { EX: 3600 });
    await client.del(`lock:report:${date}`);
    return body;
  } finally {
    await client.quit();
  }
}
