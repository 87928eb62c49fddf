import { Redis } from "ioredis";

const redis = new Redis();

const DELETE_MATCHING = `
  local keys = redis.call('KEYS', ARGV[1])
  for _, k in ipairs(keys) do redis.call('DEL', k) end
  return #keys
`;

export async function deleteMatching(pattern: string): Promise<number> {
  return (await redis.eval(DELETE_MATCHING, 0, pattern)) as number;
}

export async function countMatching(pattern: string): Promise<number> {
  return (await redis.eval("return #redis.call('keys', ARGV[1])", 0, pattern)) as number;
}
