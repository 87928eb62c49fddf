/**
 * Real-Redis helpers for behaviour-equivalence tests: run "before" and "after" code against the
 * test server and compare what they returned and what they left in the keyspace.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Redis } from "ioredis";
import { inject } from "vitest";

export const redisPort = inject("redisPort");
/** Describe-level guard: real-Redis suites are skipped only when no server could be started locally. */
export const describeRedis = redisPort ? describe : describe.skip;

/**
 * Each vitest worker gets its own logical database, so test files running in parallel never
 * flush each other's data.
 */
export const workerDb = Number(process.env.VITEST_POOL_ID ?? 0) % 16;

export function redisUrl(db = workerDb): string {
  if (!redisPort) throw new Error("no redis-server for this run");
  return `redis://127.0.0.1:${redisPort}/${db}`;
}

export interface KeyState {
  type: string;
  value: unknown;
  ttl: number;
}

/** Every key in the database with its type, value and TTL (seconds, -1 = no expiry). */
export async function snapshotKeyspace(client: Redis): Promise<Record<string, KeyState>> {
  const out: Record<string, KeyState> = {};
  let cursor = "0";
  do {
    const [next, batch] = await client.scan(cursor, "COUNT", 1000);
    cursor = next;
    for (const k of batch) out[k] = await readKey(client, k);
  } while (cursor !== "0");
  return out;
}

async function readKey(client: Redis, k: string): Promise<KeyState> {
  const type = await client.type(k);
  const ttl = await client.ttl(k);
  const value =
    type === "string" ? await client.get(k)
    : type === "hash" ? await client.hgetall(k)
    : type === "set" ? (await client.smembers(k)).sort()
    : type === "list" ? await client.lrange(k, 0, -1)
    : type === "zset" ? await client.zrange(k, "0", "-1", "WITHSCORES")
    : null;
  return { type, value, ttl };
}

const tmpRoot = join(process.cwd(), "test", ".tmp");

/**
 * Writes a module's source to a temporary file inside the repo (so it resolves ioredis/redis
 * from node_modules) and imports it. The module's default export is called with `ctx`.
 */
export async function runModule<T>(source: string, ext: string, ctx: unknown): Promise<T> {
  const dir = join(tmpRoot, randomUUID());
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `scenario${ext}`);
  writeFileSync(file, source);
  try {
    const mod = await import(/* @vite-ignore */ pathToFileURL(file).href);
    return await mod.default(ctx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Outcome<T> {
  result: T;
  keyspace: Record<string, KeyState>;
}

/** Flushes the database, runs `seed`, runs the module and returns its result and the keyspace after it. */
export async function runScenario<T>(
  source: string,
  opts: { ext?: string; db?: number; seed?: (c: Redis) => Promise<void>; ctx?: Record<string, unknown> } = {},
): Promise<Outcome<T>> {
  const db = opts.db ?? workerDb;
  const admin = new Redis(redisUrl(db));
  try {
    await admin.flushdb();
    if (opts.seed) await opts.seed(admin);
    const result = await runModule<T>(source, opts.ext ?? ".ts", { url: redisUrl(db), ...opts.ctx });
    return { result, keyspace: await snapshotKeyspace(admin) };
  } finally {
    admin.disconnect();
  }
}

/** Seeds `count` string keys named `${prefix}${i}` in batches. */
export async function seedKeys(client: Redis, prefix: string, count: number, value = "v"): Promise<void> {
  for (let i = 0; i < count; i += 1000) {
    const pipe = client.pipeline();
    for (let j = i; j < Math.min(count, i + 1000); j++) pipe.set(`${prefix}${j}`, value);
    await pipe.exec();
  }
}
