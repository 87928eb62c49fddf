import { Redis } from "ioredis";
import { createClient, type RedisClientType } from "redis";

declare const container: { register(name: string, value: unknown): void };
declare const fastify: { decorate(name: string, value: unknown): void; addHook(name: string, fn: () => Promise<unknown>): void };

/** Builds the client; callers keep it for the life of the process. */
export function makeRedis(): Redis {
  return new Redis(process.env.REDIS_URL!);
}

let shared: RedisClientType | undefined;

export async function getClient(): Promise<RedisClientType> {
  if (!shared) {
    shared = createClient({ url: process.env.REDIS_URL });
    await shared.connect();
  }
  return shared;
}

export const lazyRedis = (() => {
  let instance: Redis | undefined;
  return () => instance || (instance = new Redis(process.env.REDIS_URL!));
})();

export class CacheRepository {
  private readonly redis: Redis;
  constructor() {
    this.redis = new Redis(process.env.REDIS_URL!);
  }
  get(key: string) {
    return this.redis.get(key);
  }
}

export const providers = [
  {
    provide: "REDIS",
    useFactory: async () => {
      const client = createClient({ url: process.env.REDIS_URL });
      await client.connect();
      return client;
    },
  },
];

export function registerRedis(): void {
  container.register("redis", new Redis(process.env.REDIS_URL!));
}

export async function redisPlugin(): Promise<void> {
  const client = new Redis(process.env.REDIS_URL!);
  fastify.decorate("redis", client);
  fastify.addHook("onClose", () => client.quit());
}
