import { Redis } from "ioredis";

const redis = new Redis();

const BUMP = `
  local n = redis.call('INCR', 'stats:hits')
  redis.call('SET', 'stats:last:' .. ARGV[1], n)
  return n
`;

export async function bump(id: string): Promise<unknown> {
  await redis.eval("return redis.call('GET', KEYS[1])", 1, "stats:" + id);
  return redis.eval(BUMP, 0, id);
}
