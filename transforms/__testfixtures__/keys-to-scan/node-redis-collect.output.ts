import { createClient } from "redis";

const REPORT_PREFIX = "report:daily:";

export async function listDailyReports(): Promise<string[]> {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  try {
    const found = new Set<string>(); // SCAN may return a key more than once
    for await (const batch of client.scanIterator({ MATCH: "report:daily:*", COUNT: 500 })) {
      for (const key of batch) found.add(key);
    }
    const keys = [...found];
    return keys
      .map((k) => k.slice(REPORT_PREFIX.length))
      .sort()
      .reverse();
  } finally {
    await client.quit();
  }
}
