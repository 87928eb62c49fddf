import { Redis } from "ioredis";

export const redis = new Redis();

const memo = new Map<string, number>();
const redisConfig = { host: "localhost", keys: ["a", "b"] };

class Registry {
  private items = new Map<string, string>();
  keys(): string[] {
    return [...this.items.keys()];
  }
}

const registry = new Registry();

export function describe(extra: Record<string, string>): string[] {
  const names = Object.keys(extra);
  for (const k of memo.keys()) names.push(k);
  return names.concat(registry.keys(), redisConfig.keys);
}
