import { Redis } from "ioredis";

const redis = new Redis();

const found3 = new Set<string>(); // SCAN may return a key more than once
let cursor4 = "0";
do {
  const [nextCursor4, batch4] = await redis.scan(cursor4, "MATCH", "boot:*", "COUNT", 500);
  cursor4 = nextCursor4;
  for (const key4 of batch4) found3.add(key4);
} while (cursor4 !== "0");

export const all = [...found3];
const seen3 = new Set<string>(); // SCAN may return a key more than once
let cursor3 = "0";
do {
  const [nextCursor3, batch3] = await redis.scan(cursor3, "MATCH", "warm:*", "COUNT", 500);
  cursor3 = nextCursor3;
  const fresh3 = batch3.filter((key3) => !seen3.has(key3));
  for (const key3 of fresh3) seen3.add(key3);
  for (const k of fresh3) console.log(k);
} while (cursor3 !== "0");

export async function nested(): Promise<number> {
  let n = 0;
  const seen2 = new Set<string>(); // SCAN may return a key more than once
  let cursor2 = "0";
  do {
    const [nextCursor2, batch2] = await redis.scan(cursor2, "MATCH", "group:*", "COUNT", 500);
    cursor2 = nextCursor2;
    const fresh2 = batch2.filter((key2) => !seen2.has(key2));
    for (const key2 of fresh2) seen2.add(key2);
    for (const group of fresh2) {
      const seen = new Set<string>(); // SCAN may return a key more than once
      let cursor = "0";
      do {
        const [nextCursor, batch] = await redis.scan(cursor, "MATCH", `${group}:*`, "COUNT", 500);
        cursor = nextCursor;
        const fresh = batch.filter((key) => !seen.has(key));
        for (const key of fresh) seen.add(key);
        for (const member of fresh) {
          n += member.length;
        }
      } while (cursor !== "0");
    }
  } while (cursor2 !== "0");
  return n;
}

export async function twoInOne(): Promise<number[]> {
  const found2 = new Set<string>(); // SCAN may return a key more than once
  let cursor2 = "0";
  do {
    const [nextCursor2, batch2] = await redis.scan(cursor2, "MATCH", "a:*", "COUNT", 500);
    cursor2 = nextCursor2;
    for (const key2 of batch2) found2.add(key2);
  } while (cursor2 !== "0");
  return [found2.size, (await (async () => {
    const found = new Set<string>(); // SCAN may return a key more than once
    let cursor = "0";
    do {
      const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "b:*", "COUNT", 500);
      cursor = nextCursor;
      for (const key of batch) found.add(key);
    } while (cursor !== "0");
    return [...found];
  })()).length];
}

export async function inSwitch(kind: string): Promise<number> {
  switch (kind) {
    case "a":
      const found = new Set<string>(); // SCAN may return a key more than once
      let cursor = "0";
      do {
        const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "a:*", "COUNT", 500);
        cursor = nextCursor;
        for (const key of batch) found.add(key);
      } while (cursor !== "0");
      const keys = [...found];
      return keys.length;
    default:
      return 0;
  }
}

export async function inWhile(): Promise<void> {
  while ((await (async () => {
    const found = new Set<string>(); // SCAN may return a key more than once
    let cursor = "0";
    do {
      const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "q:*", "COUNT", 500);
      cursor = nextCursor;
      for (const key of batch) found.add(key);
    } while (cursor !== "0");
    return [...found];
  })()).length > 0) {
    await redis.lpop("q");
  }
}

export const counts = (xs: string[]) => Promise.all(xs.map(async (x) => {
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", `${x}:*`, "COUNT", 500);
    cursor = nextCursor;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  return found.size;
}));

export async function labelled(): Promise<void> {
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "l:*", "COUNT", 500);
    cursor = nextCursor;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  outer: for (const k of [...found]) {
    if (k) continue outer;
  }
}

export async function templated(): Promise<string> {
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", "t:*", "COUNT", 500);
    cursor = nextCursor;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  return `n=${found.size}`;
}

class Svc {
  constructor(private readonly redis: Redis) {}
  async purge(): Promise<void> {
    let cursor = "0";
    do {
      const [nextCursor, batch] = await this.redis.scan(cursor, "MATCH", "stale:*", "COUNT", 500);
      cursor = nextCursor;
      if (batch.length) await this.redis.unlink(...batch);
    } while (cursor !== "0");
  }
}
export { Svc };
