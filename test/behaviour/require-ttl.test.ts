/**
 * require-ttl on a real Redis: scenario modules that write keys in every shape the transform
 * rewrites run before and after the transform, per client library (ioredis, node-redis v5,
 * node-redis v4, and legacy v2/v3 callbacks emulated by node-redis v4's `legacyMode`). Same
 * replies (NX misses and GET replies included) and same values; afterwards every written key
 * expires within the TTL the config gives it, while persistent keys and NX misses keep none.
 */
import { join } from "node:path";
import type { Redis } from "ioredis";
import * as requireTtl from "../../transforms/require-ttl.js";
import { applyTransform, FIXTURES_ROOT } from "../../transforms/__tests__/harness.js";
import type { TransformModule } from "../../transforms/registry.js";
import { describeRedis, runScenario, type KeyState } from "../support/redis.js";

const transform = requireTtl as unknown as TransformModule;
const FIXTURES = join(FIXTURES_ROOT, "require-ttl");
/** What the fixture config (require-ttl/redis-codemods.config.json) and the scenarios' own EXPIREs allow. */
const TTL_BOUNDS: Array<[RegExp, number]> = [
  [/^lock:/, 30],
  [/^session:.*:csrf$/, 900],
  [/^session:/, 86400],
  [/^merged:/, 600],
  [/./, 3600],
];
const PERSISTENT = /^(config|feature-flags):/;

async function seed(c: Redis): Promise<void> {
  await c.set("seed:nx-miss", "old");
  await c.set("seed:get", "old");
  await c.set("lock:held", "someone");
}
/** Seeded keys a scenario leaves as they were (NX misses): they keep no TTL. */
const NX_MISSES = ["seed:nx-miss", "lock:held"];

const IOREDIS = `import { Redis } from "ioredis";

export default async ({ url }) => {
  const redis = new Redis(url);
  const out = {};
  out.bare = await redis.set("cart:1", "{}");
  out.lockFresh = await redis.set("lock:job:1", "me", "NX");
  out.lockMiss = await redis.set("lock:held", "me", "NX");
  out.nxMiss = await redis.set("seed:nx-miss", "new", "NX");
  out.get = await redis.set("seed:get", "new", "GET");
  out.xx = await redis.set("seed:get", "newer", "XX");
  out.session = await redis.set("session:abc", "{}");
  out.csrf = await redis.set("session:abc:csrf", "token");
  out.config = await redis.set("config:features", "{}");
  out.pipeline = await redis.pipeline().set("catalog:featured", "[]").set("catalog:new", "[]").exec();
  out.multi = await redis.multi().set("pair:a", "b").set("pair:b", "a").exec();
  out.batch = await redis.pipeline([["set", "page:1", "<html>"], ["get", "page:1"]]).exec();
  out.call = await redis.call("set", "raw:1", "v");
  const acquired = await redis.setnx("lock:checkout:1", "me");
  out.setnxFresh = acquired === 1;
  const again = await redis.setnx("lock:checkout:1", "other");
  out.setnxMiss = again === 1;
  out.setnxTruthy = (await redis.setnx("once:1", "1")) ? "first" : "again";
  if (!(await redis.setnx("once:1", "2"))) out.setnxNegated = "second";
  await redis.setnx("seen:1", "1");
  await redis.mset("prefs:1:locale", "en-GB", "prefs:1:currency", "EUR");
  await redis.mset({ "defaults:locale": "en-GB", "config:theme": "light" });
  await redis.set("merged:last-order", "42");
  await redis.expire("merged:last-order", 600);
  await redis.set("merged:view", "1");
  await redis.pexpire("merged:view", 600000);
  redis.disconnect();
  return out;
};
`;

const NODE_REDIS = (major: 4 | 5) => `import { createClient } from "redis";

export default async ({ url }) => {
  const client = createClient({ url });
  await client.connect();
  const out = {};
  out.bare = await client.set("report:daily:1", "{}");
  out.lockFresh = await client.set("lock:report:1", "pid", { NX: true });
  out.lockMiss = await client.set("lock:held", "pid", { NX: true });
  out.nxMiss = await client.set("seed:nx-miss", "new", { NX: true });
  out.get = await client.set("seed:get", "new", { GET: true });
  out.session = await client.set("session:abc", "{}");
  out.config = await client.set("config:features", "{}");
  out.upper = await client.SET("upper:1", "v");
  out.multi = await client.multi().set("m:1", "1").get("m:1").exec();
  out.sendCommand = await client.sendCommand(["SET", "raw:1", "v"]);
  await client.sendCommand(["SETNX", "raw-lock:1", "v"]);
  const acquired = await client.setNX("lock:order:1", "me");
  out.setnxFresh = acquired === ${major === 4 ? "true" : "1"};
  const again = await client.setNX("lock:order:1", "other");
  out.setnxMiss = again === ${major === 4 ? "true" : "1"};
  if (!(await client.setNX("once:1", "1"))) out.never = true;
  out.setnxNegated = !(await client.setNX("once:1", "2")) ? "second" : "first";
  await client.mSet({ "prefs:1:locale": "en-GB", "prefs:1:currency": "EUR" });
  await client.mSet(["flat:a", "1", "flat:b", "2"]);
  await client.mSet([["tuple:a", "1"], ["config:tuple", "2"]]);
  await client.set("merged:last-order", "42");
  await client.expire("merged:last-order", 600);
  await client.quit();
  return out;
};
`;

const LEGACY = `import { createClient } from "redis";
import { promisify } from "node:util";

export default async ({ url }) => {
  const client = createClient({ url, legacyMode: true });
  await client.connect();
  const out = {};
  const setAsync = promisify(client.set).bind(client);
  client.set("worker:heartbeat", "1");
  out.bare = await new Promise((resolve, reject) => client.set("job:1:result", "{}", (err, reply) => (err ? reject(err) : resolve(reply))));
  out.nxFresh = await new Promise((resolve, reject) => client.set("job:1:once", "1", "NX", (err, reply) => (err ? reject(err) : resolve(reply))));
  out.nxMiss = await new Promise((resolve, reject) => client.set("seed:nx-miss", "new", "NX", (err, reply) => (err ? reject(err) : resolve(reply))));
  out.array = await new Promise((resolve, reject) => client.set(["job:1:array", "1"], (err, reply) => (err ? reject(err) : resolve(reply))));
  out.lock = await new Promise((resolve, reject) =>
    client.setnx("lock:legacy", "me", function (err, ok) {
      if (err) return reject(err);
      resolve(ok === 1);
    })
  );
  out.lockMiss = await new Promise((resolve, reject) =>
    client.setnx("lock:legacy", "other", function (err, ok) {
      if (err) return reject(err);
      resolve(ok === 1);
    })
  );
  out.mset = await new Promise((resolve) =>
    client.mset("pair:1:left", "l", "pair:1:right", "r", function (err) {
      resolve(err ? err.message : "done");
    })
  );
  await setAsync("worker:status", "idle");
  out.ping = await new Promise((resolve, reject) => client.ping((err, reply) => (err ? reject(err) : resolve(reply))));
  await client.v4.quit();
  return out;
};
`;

interface Run {
  result: unknown;
  keyspace: Record<string, KeyState>;
}

/** Transforms `source` as the file at `path`, runs both versions, and checks replies, values and TTLs. */
async function beforeAndAfter(path: string, source: string, runtime: (s: string) => string = (s) => s, kept = NX_MISSES): Promise<{ before: Run; after: Run }> {
  const { output, findings } = applyTransform(transform, path, source);
  expect(output, "the transform rewrites the scenario").toBeDefined();
  expect(findings.filter((f) => !f.fixed)).toEqual([]);
  const before = await runScenario(runtime(source), { ext: ".mjs", seed });
  const after = await runScenario(runtime(output!), { ext: ".mjs", seed });
  expect(after.result).toEqual(before.result);
  expect(valuesOf(after.keyspace)).toEqual(valuesOf(before.keyspace));
  for (const [key, state] of Object.entries(after.keyspace)) {
    if (PERSISTENT.test(key) || kept.includes(key)) {
      expect(state.ttl, key).toBe(-1);
    } else {
      expect(state.ttl, key).toBeGreaterThan(0);
      expect(state.ttl, key).toBeLessThanOrEqual(TTL_BOUNDS.find(([re]) => re.test(key))![1]);
    }
  }
  return { before, after };
}

function valuesOf(keyspace: Record<string, KeyState>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(keyspace).map(([k, s]) => [k, { type: s.type, value: s.value }]));
}

/** Keys the "before" run left without a TTL: the ones the rewrite had to fix. */
function lackingTtl(run: Run): string[] {
  return Object.entries(run.keyspace)
    .filter(([k, s]) => s.ttl === -1 && !PERSISTENT.test(k) && !k.startsWith("seed:") && k !== "lock:held")
    .map(([k]) => k)
    .sort();
}

describeRedis("require-ttl on a real Redis", () => {
  it("ioredis: bare/NX/GET/XX sets, chains, batch arrays, call, setnx, mset, set+expire", async () => {
    const { before, after } = await beforeAndAfter(join(FIXTURES, "behaviour-ioredis.mjs"), IOREDIS);
    expect(before.result).toMatchObject({ lockMiss: null, nxMiss: null, get: "old", setnxFresh: true, setnxMiss: false, setnxNegated: "second" });
    expect(lackingTtl(before)).toEqual(["cart:1", "catalog:featured", "catalog:new", "defaults:locale", "lock:checkout:1", "lock:job:1", "once:1", "page:1", "pair:a", "pair:b", "prefs:1:currency", "prefs:1:locale", "raw:1", "seen:1", "session:abc", "session:abc:csrf"]);
    expect(after.keyspace["lock:job:1"].ttl).toBeLessThanOrEqual(30);
    expect(after.keyspace["session:abc"].ttl).toBeGreaterThan(3600);
  });

  it("node-redis v5: option objects, multi, sendCommand, setNX (number reply), mSet forms, set+expire", async () => {
    const { before } = await beforeAndAfter(join(FIXTURES, "behaviour-node-redis.mjs"), NODE_REDIS(5));
    expect(before.result).toMatchObject({ lockMiss: null, nxMiss: null, get: "old", setnxFresh: true, setnxMiss: false, setnxNegated: "second" });
    expect(lackingTtl(before)).toEqual(["flat:a", "flat:b", "lock:order:1", "lock:report:1", "m:1", "once:1", "prefs:1:currency", "prefs:1:locale", "raw-lock:1", "raw:1", "report:daily:1", "session:abc", "tuple:a", "upper:1"]);
  });

  it("node-redis v4: the same shapes, setNX answering true/false", async () => {
    const toV4 = (s: string) => s.replace(`from "redis"`, `from "redis4"`);
    const { before } = await beforeAndAfter(join(FIXTURES, "node-redis-v4", "behaviour.mjs"), NODE_REDIS(4), toV4);
    expect(before.result).toMatchObject({ lockMiss: null, nxMiss: null, get: "old", setnxFresh: true, setnxMiss: false });
    expect(lackingTtl(before)).toEqual(["flat:a", "flat:b", "lock:order:1", "lock:report:1", "m:1", "once:1", "prefs:1:currency", "prefs:1:locale", "raw-lock:1", "raw:1", "report:daily:1", "session:abc", "tuple:a", "upper:1"]);
  });

  it("legacy v2/v3 callbacks (node-redis v4 legacyMode): EX before the callback, setnx reply in the callback, mset in MULTI", async () => {
    const legacyRuntime = (s: string) => s.replace(`from "redis"`, `from "redis4"`);
    const { before } = await beforeAndAfter(join(FIXTURES, "legacy", "behaviour.mjs"), LEGACY, legacyRuntime, [...NX_MISSES, "seed:get"]);
    expect(before.result).toMatchObject({ bare: "OK", nxMiss: null, lock: true, lockMiss: false, mset: "done" });
    expect(lackingTtl(before)).toEqual(["job:1:array", "job:1:once", "job:1:result", "lock:legacy", "pair:1:left", "pair:1:right", "worker:heartbeat", "worker:status"]);
  });
});
