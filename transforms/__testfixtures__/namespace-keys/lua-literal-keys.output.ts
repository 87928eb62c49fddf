import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

const BUMP = `
  local n = redis.call('INCR', 'stats:hits')
  redis.call('SET', 'stats:last:' .. ARGV[1], n)
  return n
`;

export async function bump(id: string): Promise<unknown> {
  await redis.eval("return redis.call('GET', KEYS[1])", 1, key("stats", id));
  return redis.eval(BUMP, 0, id);
}
