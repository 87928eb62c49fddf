import { createClient } from "redis";

export interface DailyReport {
  date: string;
  orders: number;
}

export async function buildDailyReport(date: string): Promise<DailyReport | null> {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on("error", (err: Error) => console.error("[reports] redis error", err));
  await client.connect();

  try {
    const cached = await client.get(`report:daily:${date}`);
    if (cached) {
      return JSON.parse(cached) as DailyReport;
    }
    const orders = Number(await client.hGet(`stats:orders:${date}`, "count"));
    const report: DailyReport = { date, orders };
    await client.set(`report:daily:${date}`, JSON.stringify(report));
    return report;
  } finally {
    await client.quit();
  }
}
