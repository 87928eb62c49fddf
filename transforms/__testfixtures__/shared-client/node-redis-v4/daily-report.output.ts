import { redis } from "./src/redis/client.js";

export interface DailyReport {
  date: string;
  orders: number;
}

export async function buildDailyReport(date: string): Promise<DailyReport | null> {
  const cached = await redis.get(`report:daily:${date}`);
  if (cached) {
    return JSON.parse(cached) as DailyReport;
  }
  const orders = Number(await redis.hGet(`stats:orders:${date}`, "count"));
  const report: DailyReport = { date, orders };
  await redis.set(`report:daily:${date}`, JSON.stringify(report));
  return report;
}
