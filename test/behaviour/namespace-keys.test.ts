/**
 * namespace-keys on a real Redis, for ioredis, node-redis v5 and node-redis v4: the "before" and
 * "after" code write the same values under keys that differ only by the `shop:<env>:` namespace
 * (and the escaping of unsafe characters in ids), read back the same results, and after
 * `migrate-keys --execute` on data written by the "before" code the "after" code reads every value
 * back, TTLs kept; a second migration moves nothing.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import * as transformModule from "../../transforms/namespace-keys.js";
import { applyTransform, FIXTURES_ROOT, fixtureConfig } from "../../transforms/__tests__/harness.js";
import { loadConfig } from "../../transforms/lib/config.js";
import { keyModuleText } from "../../transforms/lib/keys/module.js";
import { buildProjectIndex } from "../../transforms/lib/redis/project.js";
import type { TransformModule } from "../../transforms/registry.js";
import { migrateKeys } from "../../src/migrate-keys.js";
import { describeRedis, redisUrl, runModule, runScenario, snapshotKeyspace, type KeyState } from "../support/redis.js";
import { makeProject, REPO_ROOT } from "../support/project.js";

/** Databases of their own: other behaviour suites flush db 0 while these run. */
const DB = 9;
const MIGRATION_DB = 10;
const FIXTURES = join(FIXTURES_ROOT, "namespace-keys");
const KEY_MODULE_DIR = join(REPO_ROOT, "test", ".tmp", `namespace-keys-key-${process.pid}`);
/** vitest runs with NODE_ENV=test, which the generated key module reads. */
const ENV = "test";

const IOREDIS = `import { Redis } from "ioredis";

const PREFIX = "catalog:";
const productKey = (id: string) => \`product:\${id}\`;

async function write(redis: Redis, ids: string[], sid: string): Promise<void> {
  for (const id of ids) {
    await redis.set(productKey(id), JSON.stringify({ id }), "EX", 3600);
    await redis.hset("cart:" + id + ":items", { sku: id, "line:1": "2" });
    await redis.sadd(\`user:\${id}:tags\`, "a", "b");
  }
  await redis.mset(PREFIX + "featured", "[1]", PREFIX + "new", "[2]");
  await redis.set("config:features", "{}");
  await redis.rpush("queue:emails", "x", "y");
  const k = \`session:\${sid}\`;
  await redis.set(k, "token", "PX", 500000);
}

async function read(redis: Redis, ids: string[], sid: string) {
  const scanned: Array<string | null> = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", "product:*", "COUNT", 100);
    cursor = next;
    for (const k of batch) scanned.push(await redis.get(k));
  } while (cursor !== "0");
  return {
    products: await redis.mget(ids.map(productKey)),
    carts: await Promise.all(ids.map((id) => redis.hgetall("cart:" + id + ":items"))),
    tags: await Promise.all(ids.map(async (id) => (await redis.smembers(\`user:\${id}:tags\`)).sort())),
    lists: await redis.mget(PREFIX + "featured", PREFIX + "new"),
    flags: await redis.get("config:features"),
    queue: await redis.lrange("queue:emails", 0, -1),
    session: await redis.get("session:" + sid),
    sessions: (await redis.keys("session:*")).length,
    scanned: scanned.sort(),
    ttl: (await redis.pttl(productKey(ids[0]))) > 0,
  };
}

export default async function run({ url, mode }: { url: string; mode?: string }) {
  const redis = new Redis(url);
  try {
    const ids = ["42", "7"];
    if (mode !== "read") await write(redis, ids, "Tok En");
    return await read(redis, ids, "Tok En");
  } finally {
    redis.disconnect();
  }
}
`;

const NODE_REDIS = (major: 4 | 5) => `import { createClient } from "redis";

type Client = ReturnType<typeof createClient>;
const PREFIX = "catalog:";
const productKey = (id: string) => \`product:\${id}\`;

async function write(client: Client, ids: string[], sid: string): Promise<void> {
  for (const id of ids) {
    await client.set(productKey(id), JSON.stringify({ id }), { EX: 3600 });
    await client.hSet("cart:" + id + ":items", { sku: id, "line:1": "2" });
    await client.sAdd(\`user:\${id}:tags\`, ["a", "b"]);
  }
  await client.mSet({ [PREFIX + "featured"]: "[1]", [PREFIX + "new"]: "[2]" });
  await client.set("config:features", "{}");
  await client.rPush("queue:emails", ["x", "y"]);
  await client.set(\`session:\${sid}\`, "token", { PX: 500000 });
}

async function read(client: Client, ids: string[], sid: string) {
  const scanned: Array<string | null> = [];
  for await (const found of client.scanIterator({ MATCH: "product:*", COUNT: 100 })) {
    for (const k of ${major === 4 ? "[found]" : "found"}) scanned.push(await client.get(k));
  }
  return {
    products: await client.mGet(ids.map(productKey)),
    carts: await Promise.all(ids.map(async (id) => ({ ...(await client.hGetAll("cart:" + id + ":items")) }))),
    tags: await Promise.all(ids.map(async (id) => (await client.sMembers(\`user:\${id}:tags\`)).sort())),
    lists: await client.mGet([PREFIX + "featured", PREFIX + "new"]),
    flags: await client.get("config:features"),
    queue: await client.lRange("queue:emails", 0, -1),
    session: await client.get("session:" + sid),
    sessions: (await client.keys("session:*")).length,
    scanned: scanned.sort(),
    ttl: (await client.pTTL(productKey(ids[0]))) > 0,
  };
}

export default async function run({ url, mode }: { url: string; mode?: string }) {
  const client = createClient({ url });
  await client.connect();
  try {
    const ids = ["42", "7"];
    if (mode !== "read") await write(client, ids, "Tok En");
    return await read(client, ids, "Tok En");
  } finally {
    await client.quit();
  }
}
`;

/** A cache wrapper in its own module: it passes the caller's key on, so the caller's key is what gets namespaced. */
const CACHE_WRAPPER = `import type { Redis } from "ioredis";

let client: Redis;

export function useClient(redis: Redis): void {
  client = redis;
}

export async function remember(cacheKey: string, load: () => Promise<string>): Promise<string> {
  const hit = await client.get(cacheKey);
  if (hit !== null) return hit;
  const value = await load();
  await client.set(cacheKey, value, "EX", 3600);
  return value;
}
`;

/** Writes through the wrapper, then lists what it wrote with KEYS (the flush endpoint's pattern). */
const WRAPPER_CALLER = `import { Redis } from "ioredis";
import { remember, useClient } from "./cache";

export default async function run({ url, mode }: { url: string; mode?: string }) {
  const redis = new Redis(url);
  useClient(redis);
  try {
    const ids = ["42", "7"];
    const loads: string[] = [];
    const load = (id: string) => async () => {
      loads.push(id);
      return JSON.stringify({ id });
    };
    if (mode !== "read") for (const id of ids) await remember(\`product:\${id}\`, load(id));
    const cached = await Promise.all(ids.map((id) => remember(\`product:\${id}\`, load(id))));
    const listed = (await redis.keys("product:*")).sort();
    return { cached, loads, listed: listed.length };
  } finally {
    redis.disconnect();
  }
}
`;

interface Scenario {
  name: string;
  source: string;
  /** Where the transform thinks the file lives: the fixture folder decides library version and config. */
  path: string;
  /** Package the module is run with (node-redis v4 is installed as redis4). */
  runtime: (text: string) => string;
}

const scenarios: Scenario[] = [
  { name: "ioredis", source: IOREDIS, path: join(FIXTURES, "behaviour-ioredis.ts"), runtime: (t) => t },
  { name: "node-redis v5", source: NODE_REDIS(5), path: join(FIXTURES, "behaviour-node-redis.ts"), runtime: (t) => t },
  { name: "node-redis v4", source: NODE_REDIS(4), path: join(FIXTURES, "node-redis-v4", "behaviour-node-redis.ts"), runtime: (t) => t.replace(`from "redis"`, `from "redis4"`) },
];

/** The transformed module, importing the generated key module from where the scenario runs (test/.tmp/<uuid>/). */
function transformed(s: Scenario) {
  const project = buildProjectIndex(FIXTURES, []);
  const result = applyTransform(transformModule as unknown as TransformModule, s.path, s.source, { project });
  expect(result.output).toBeDefined();
  const after = result.output!.replace(/from "(\.\.?\/)+redis\/key"/, `from "../${KEY_MODULE_DIR.split("/").pop()}/key"`);
  return { after, migrations: result.migrations };
}

/** Old key → the name namespace-keys gives it: the namespace in front, unsafe characters of ids escaped. */
function namespaced(k: string): string {
  return `shop:${ENV}:${k.replace(/ /g, "%20")}`;
}

function withoutTtl(state: KeyState): Omit<KeyState, "ttl"> & { expires: boolean } {
  return { type: state.type, value: state.value, expires: state.ttl > 0 };
}

describeRedis("namespace-keys behaviour", () => {
  beforeAll(() => {
    mkdirSync(KEY_MODULE_DIR, { recursive: true });
    const path = join(KEY_MODULE_DIR, "key.ts");
    writeFileSync(path, keyModuleText(path, fixtureConfig(join(FIXTURES, "x.ts"), "namespace-keys")));
  });
  afterAll(() => rmSync(KEY_MODULE_DIR, { recursive: true, force: true }));

  for (const s of scenarios) {
    describe(s.name, () => {
      it("before and after write the same values under keys differing only by the namespace, and read the same", async () => {
        const { after } = transformed(s);
        expect(after).toContain(`key("product", id)`);
        const before = await runScenario<Record<string, unknown>>(s.runtime(s.source), { db: DB });
        const rewritten = await runScenario<Record<string, unknown>>(s.runtime(after), { db: DB });
        expect(rewritten.result).toEqual(before.result);
        expect(before.result.products).toEqual([JSON.stringify({ id: "42" }), JSON.stringify({ id: "7" })]);
        const expected = Object.fromEntries(Object.entries(before.keyspace).map(([k, v]) => [namespaced(k), withoutTtl(v)]));
        const actual = Object.fromEntries(Object.entries(rewritten.keyspace).map(([k, v]) => [k, withoutTtl(v)]));
        expect(actual).toEqual(expected);
        expect(Object.keys(actual)).toContain(`shop:${ENV}:session:Tok%20En`);
      });

      it("migrate-keys --execute on the before code's data lets the after code read every value back, TTLs kept; a re-run moves nothing", async () => {
        const { after, migrations } = transformed(s);
        const url = redisUrl(MIGRATION_DB);
        const admin = new Redis(url);
        try {
          await admin.flushdb();
          const written = await runModule<Record<string, unknown>>(s.runtime(s.source), ".ts", { url });
          const old = await snapshotKeyspace(admin);
          const dry = await migrateKeys({ plan: migrations, url, env: ENV });
          expect(await snapshotKeyspace(admin)).toEqual(old);
          const moved = await migrateKeys({ plan: migrations, url, env: ENV, execute: true });
          expect(moved.refused).toEqual([]);
          expect(moved.moved.map((m) => m.from).sort()).toEqual(Object.keys(old).sort());
          expect(dry.moved).toEqual(moved.moved);
          const migrated = await snapshotKeyspace(admin);
          expect(Object.keys(migrated).sort()).toEqual(Object.keys(old).map(namespaced).sort());
          for (const [k, state] of Object.entries(old)) {
            expect(withoutTtl(migrated[namespaced(k)])).toEqual(withoutTtl(state));
            if (state.ttl > 0) expect(migrated[namespaced(k)].ttl).toBeLessThanOrEqual(state.ttl);
          }
          const readBack = await runModule<Record<string, unknown>>(s.runtime(after), ".ts", { url, mode: "read" });
          expect(readBack).toEqual(written);
          const again = await migrateKeys({ plan: migrations, url, env: ENV, execute: true });
          expect([again.moved, again.refused]).toEqual([[], []]);
        } finally {
          await admin.flushdb();
          admin.disconnect();
        }
      });
    });
  }
});

describeRedis("namespace-keys behaviour: keys written through a cache wrapper of another module", () => {
  /** The caller rewritten in a project where the wrapper module is visible to the index; imports pointed at the run folder. */
  function transformedCaller() {
    const dir = makeProject({ "package.json": `{"name":"app"}`, "redis-codemods.config.json": `{"app":"shop","keyModule":"redis/key.ts"}`, "cache.ts": CACHE_WRAPPER, "app.ts": WRAPPER_CALLER });
    const path = join(dir, "app.ts");
    const result = applyTransform(transformModule as unknown as TransformModule, path, WRAPPER_CALLER, { config: loadConfig(path), project: buildProjectIndex(dir) });
    expect(result.output).toBeDefined();
    const run = (text: string) => text.replace(`from "./cache"`, `from "../${KEY_MODULE_DIR.split("/").pop()}/cache"`).replace(`from "./redis/key"`, `from "../${KEY_MODULE_DIR.split("/").pop()}/key"`);
    return { before: run(WRAPPER_CALLER), after: run(result.output!), migrations: result.migrations };
  }

  beforeAll(() => {
    mkdirSync(KEY_MODULE_DIR, { recursive: true });
    const path = join(KEY_MODULE_DIR, "key.ts");
    writeFileSync(path, keyModuleText(path, fixtureConfig(join(FIXTURES, "x.ts"), "namespace-keys")));
    writeFileSync(join(KEY_MODULE_DIR, "cache.ts"), CACHE_WRAPPER);
  });
  afterAll(() => rmSync(KEY_MODULE_DIR, { recursive: true, force: true }));

  it("the caller's keys and the KEYS pattern land in the same namespace: the pattern still finds what the wrapper wrote", async () => {
    const { before, after } = transformedCaller();
    expect(after).toContain(`remember(key("product", id), load(id))`);
    expect(after).toContain(`redis.keys(keyPattern("product", glob("*")))`);
    const old = await runScenario<Record<string, unknown>>(before, { db: DB });
    const rewritten = await runScenario<Record<string, unknown>>(after, { db: DB });
    expect(rewritten.result).toEqual(old.result);
    expect(old.result.listed).toBe(2);
    expect(Object.keys(rewritten.keyspace).sort()).toEqual(Object.keys(old.keyspace).map(namespaced).sort());
  });

  it("migrate-keys --execute with the caller's plan moves what the wrapper wrote, and the rewritten caller reads it back", async () => {
    const { before, after, migrations } = transformedCaller();
    expect(migrations.map((m) => m.oldPattern)).toEqual(["product:{id}", "product:{id}", "product:{*}"]);
    const url = redisUrl(MIGRATION_DB);
    const admin = new Redis(url);
    try {
      await admin.flushdb();
      const written = await runModule<{ cached: string[]; loads: string[] }>(before, ".ts", { url });
      const moved = await migrateKeys({ plan: migrations, url, env: ENV, execute: true });
      expect(moved.refused).toEqual([]);
      expect(moved.moved.map((m) => m.from).sort()).toEqual(["product:42", "product:7"]);
      const readBack = await runModule<{ cached: string[]; loads: string[]; listed: number }>(after, ".ts", { url, mode: "read" });
      expect(readBack).toEqual({ cached: written.cached, loads: [], listed: 2 });
    } finally {
      await admin.flushdb();
      admin.disconnect();
    }
  });
});
