import { Redis } from "ioredis";

const redis = new Redis();

export async function listReports(): Promise<string[]> {
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "report:daily:*", "COUNT", 500);
    cursor = nextCursor;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  const keys = [...found];
  return keys.map((k) => k.slice("report:daily:".length)).sort();
}

export async function allCarts(): Promise<string[]> {
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "cart:*", "COUNT", 500);
    cursor = nextCursor;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  return [...found];
}

export const countLocks = async () => {
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "lock:*", "COUNT", 500);
    cursor = nextCursor;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  return found.size;
};

export async function hasDrafts(user: string): Promise<boolean> {
  if (user) {
    const found = new Set<string>(); // SCAN may return a key more than once
    let cursor = "0";
    do {
      const [nextCursor, batch] = await redis.scan(cursor, "MATCH", `draft:${user}:*`, "COUNT", 500);
      cursor = nextCursor;
      for (const key of batch) found.add(key);
    } while (cursor !== "0");
    return found.size > 0;
  }
  return false;
}
