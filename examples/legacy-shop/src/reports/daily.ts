import { createClient } from "redis";

export interface DailyReport {
  date: string;
  orders: number;
  revenueCents: number;
  topSkus: string[];
  generatedAt: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const REPORT_PREFIX = "report:daily:";

function assertDate(date: string): void {
  if (!DATE_RE.test(date)) {
    throw new RangeError(`invalid report date: ${date}`);
  }
}

export async function buildDailyReport(date: string): Promise<DailyReport | null> {
  assertDate(date);

  const client = createClient({ url: process.env.REDIS_URL });
  client.on("error", (err: Error) => console.error("[reports] redis error", err));
  await client.connect();

  try {
    const cached = await client.get(`report:daily:${date}`);
    if (cached) {
      return JSON.parse(cached) as DailyReport;
    }

    const gotLock = await client.set(`lock:report:${date}`, String(process.pid), { NX: true });
    if (!gotLock) {
      // another instance is building it right now
      return null;
    }

    const totals = await client.hGetAll(`stats:orders:${date}`);
    const topSkus = await client.zRange(`stats:skus:${date}`, 0, 9, { REV: true });

    const report: DailyReport = {
      date,
      orders: Number(totals.count ?? 0),
      revenueCents: Number(totals.revenue_cents ?? 0),
      topSkus,
      generatedAt: new Date().toISOString(),
    };

    await client.set(`report:daily:${date}`, JSON.stringify(report));
    await client.del(`lock:report:${date}`);
    return report;
  } finally {
    await client.quit();
  }
}

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
