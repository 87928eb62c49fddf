import { createClient } from "redis";

const REPORT_PREFIX = "report:daily:";

export async function listDailyReports(): Promise<string[]> {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();

  try {
    const keys = await client.keys("report:daily:*");
    return keys
      .map((k) => k.slice(REPORT_PREFIX.length))
      .sort()
      .reverse();
  } finally {
    await client.quit();
  }
}
