import { Redis } from "ioredis";

const redis = new Redis();

export const all = await redis.keys("boot:*");
const warm = await redis.keys("warm:*");
for (const k of warm) console.log(k);

export async function nested(): Promise<number> {
  let n = 0;
  for (const group of await redis.keys("group:*")) {
    for (const member of await redis.keys(`${group}:*`)) {
      n += member.length;
    }
  }
  return n;
}

export async function twoInOne(): Promise<number[]> {
  return [(await redis.keys("a:*")).length, (await redis.keys("b:*")).length];
}

export async function inSwitch(kind: string): Promise<number> {
  switch (kind) {
    case "a":
      const keys = await redis.keys("a:*");
      return keys.length;
    default:
      return 0;
  }
}

export async function inWhile(): Promise<void> {
  while ((await redis.keys("q:*")).length > 0) {
    await redis.lpop("q");
  }
}

export const counts = (xs: string[]) => Promise.all(xs.map(async (x) => (await redis.keys(`${x}:*`)).length));

export async function labelled(): Promise<void> {
  outer: for (const k of await redis.keys("l:*")) {
    if (k) continue outer;
  }
}

export async function templated(): Promise<string> {
  return `n=${(await redis.keys("t:*")).length}`;
}

class Svc {
  constructor(private readonly redis: Redis) {}
  async purge(): Promise<void> {
    const stale = await this.redis.keys("stale:*");
    if (stale.length) await this.redis.unlink(...stale);
  }
}
export { Svc };
