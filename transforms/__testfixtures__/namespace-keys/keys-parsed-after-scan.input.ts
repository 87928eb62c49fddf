import { Redis } from "ioredis";

const redis = new Redis();
const REPORT_PREFIX = "report:daily:";

export async function reportDates(): Promise<string[]> {
  const keys = await redis.keys("report:daily:*");
  return keys.map((k) => k.slice(REPORT_PREFIX.length)).sort();
}

export async function userIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", "user:*", "COUNT", 500);
    cursor = next;
    for (const k of batch) {
      ids.push(k.split(":")[1]);
      const m = /^user:(\d+)$/.exec(k);
      if (m) ids.push(m[1]);
    }
  } while (cursor !== "0");
  return ids;
}

export async function stamps(): Promise<number[]> {
  const keys = await redis.keys("tmp:*");
  return keys.map((k) => Number(k.split(":").pop()));
}
