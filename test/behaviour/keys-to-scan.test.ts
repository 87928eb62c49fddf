/**
 * keys-to-scan on a real Redis: scenario modules that use KEYS in every shape the transform
 * rewrites (loop, forEach, per-key Promise.all, delete with and without a guard, collections,
 * `.then`, callbacks, promisified legacy calls, SMEMBERS loops) run before and after the
 * transform, per client library: ioredis, node-redis v5, node-redis v4, and legacy v2/v3
 * callbacks emulated by node-redis v4's `legacyMode`. The server holds 5,000 matching keys and
 * 1,000 others, so every SCAN walk takes many round trips. Before and after must return the same
 * keys (collections without duplicates) and leave the same keyspace; MONITOR shows the "after"
 * run sends no KEYS at all, and SCANs instead.
 * Cluster clients cannot be exercised here (no cluster in the test bed): fixtures cover them.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Redis } from "ioredis";
import * as keysToScan from "../../transforms/keys-to-scan.js";
import { applyTransform, FIXTURES_ROOT } from "../../transforms/__tests__/harness.js";
import type { TransformModule } from "../../transforms/registry.js";
import { describeRedis, redisUrl, runScenario, seedKeys, workerDb, type Outcome } from "../support/redis.js";

const transform = keysToScan as unknown as TransformModule;
const FIXTURES = join(FIXTURES_ROOT, "keys-to-scan");
const MATCHING = 5000;
const OTHERS = 1000;
/** Fewest SCAN round trips one walk over ~6,000 keys takes with COUNT 500 (the fixture config). */
const MIN_STEPS = 8;

async function seed(c: Redis): Promise<void> {
  await seedKeys(c, "item:", MATCHING);
  await seedKeys(c, "other:", OTHERS);
  for (let i = 0; i < MATCHING; i += 1000) {
    await c.sadd("followers:1", ...Array.from({ length: 1000 }, (_, j) => `user:${i + j}`));
  }
}

interface Run<T> extends Outcome<T> {
  /** Commands the scenario sent to this worker's database, seen through MONITOR. */
  keys: number;
  scans: number;
  sscans: number;
}

/** Runs a scenario while counting the KEYS, SCAN … MATCH and SSCAN commands it sends. */
async function monitored<T>(source: string, ext: string): Promise<Run<T>> {
  const admin = new Redis(redisUrl());
  const monitor = await admin.monitor();
  const sentinel = `keys-to-scan:${randomUUID()}`;
  const counts = { keys: 0, scans: 0, sscans: 0 };
  let seenSentinel: () => void = () => {};
  const done = new Promise<void>((resolve) => (seenSentinel = resolve));
  monitor.on("monitor", (_time: string, args: string[], _source: string, database: string) => {
    if (Number(database) !== workerDb) return;
    const name = String(args[0]).toLowerCase();
    if (name === "echo" && args[1] === sentinel) seenSentinel();
    if (name === "keys") counts.keys++;
    if (name === "scan" && args.some((a) => String(a).toUpperCase() === "MATCH")) counts.scans++;
    if (name === "sscan") counts.sscans++;
  });
  try {
    const outcome = await runScenario<T>(source, { ext, seed });
    const probe = new Redis(redisUrl());
    await probe.echo(sentinel);
    probe.disconnect();
    await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
    return { ...outcome, ...counts };
  } finally {
    monitor.disconnect();
    admin.disconnect();
  }
}

/**
 * Transforms `source` as a file at `file` (under the fixture folder, whose package.json pins the
 * node-redis version), then runs before and after. `runtime` adapts the text for execution
 * (node-redis v4 is installed as `redis4`; legacy v3 is emulated).
 */
async function beforeAndAfter<T>(source: string, file: string, ext: string, runtime: (text: string) => string = (t) => t) {
  const { output, findings } = applyTransform(transform, join(FIXTURES, file), source);
  expect(output, "the transform rewrote the scenario").toBeDefined();
  expect(findings.every((f) => f.fixed), findings.map((f) => f.message).join("\n")).toBe(true);
  const before = await monitored<T>(runtime(source), ext);
  const after = await monitored<T>(runtime(output!), ext);
  return { before, after, output: output! };
}

/** The result with every array sorted: SCAN and KEYS return the same keys in different orders. */
function asSets(result: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? sorted(v) : v]));
}

/** No duplicates in any array of the result. */
function expectNoDuplicates(result: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(result)) {
    if (Array.isArray(value)) expect(new Set(value).size, `${name} has duplicates`).toBe(value.length);
  }
}

const sorted = (xs: string[]) => [...xs].sort();
const expectedItems = (prefix: string) => sorted(Array.from({ length: MATCHING }, (_, i) => `item:${i}`).filter((k) => k.startsWith(prefix)));

const IOREDIS = `import { Redis } from "ioredis";

export default async ({ url }) => {
  const redis = new Redis(url);
  try {
    const visited = [];
    for (const k of await redis.keys("item:*")) {
      visited.push(k);
    }

    const tagged = [];
    const keys = await redis.keys("item:1*");
    keys.forEach((k) => {
      tagged.push(k);
    });

    const appended = await redis.keys("item:2*");
    await Promise.all(appended.map((k) => redis.append(k, "!")));

    const members = [];
    for (const m of await redis.smembers("followers:1")) members.push(m);

    const doomed = await redis.keys("item:3*");
    if (doomed.length) {
      await redis.del(...doomed);
    }
    const drafts = await redis.keys("item:4*");
    await redis.unlink(drafts);

    const count = (await redis.keys("item:*")).length;
    const fives = (await redis.keys("item:5*")).sort();
    const sixes = await redis.keys("item:6*").then((found) => found.sort());
    const none = await redis.keys("nothing:*");
    const sevens = await new Promise((resolve, reject) => {
      redis.keys("item:7*", (err, found) => {
        if (err) return reject(err);
        resolve(found);
      });
    });
    return { visited, tagged, members, count, fives, sixes, none, sevens };
  } finally {
    redis.disconnect();
  }
};
`;

const NODE_REDIS_5 = `import { createClient } from "redis";

export default async ({ url }) => {
  const client = createClient({ url });
  await client.connect();
  try {
    const visited = [];
    for (const k of await client.keys("item:*")) {
      visited.push(k);
    }
    const audited = [];
    const raw = await client.sendCommand(["KEYS", "item:1*"]);
    raw.forEach((k) => audited.push(k));

    const members = [];
    const followers = await client.sMembers("followers:1");
    for (const m of followers) members.push(m);

    const doomed = await client.keys("item:3*");
    if (doomed.length) {
      await client.del(doomed);
    }

    const count = (await client.keys("item:*")).length;
    const fives = await client.keys("item:5*");
    return { visited, audited, members, count, fives: fives.sort() };
  } finally {
    await client.close();
  }
};
`;

const NODE_REDIS_4 = `import { createClient } from "redis";

export default async ({ url }) => {
  const client = createClient({ url });
  await client.connect();
  try {
    const visited = [];
    for (const k of await client.keys("item:*")) {
      visited.push(k);
    }
    const members = [];
    for (const m of await client.sMembers("followers:1")) members.push(m);

    const doomed = await client.keys("item:3*");
    if (doomed.length !== 0) await client.del(doomed);

    const fives = await client.keys("item:5*");
    const count = (await client.keys("item:*")).length;
    return { visited, members, count, fives: fives.sort() };
  } finally {
    await client.quit();
  }
};
`;

const LEGACY = `var redis = require('redis');
var promisify = require('util').promisify;

class Store {
  constructor(url) {
    this.client = redis.createClient({ url: url });
    this.prefix = 'item:2';
  }
  list(fn) {
    this.client.keys(\`\${this.prefix}*\`, (err, keys) => fn(err, keys));
  }
}

module.exports = async function (ctx) {
  var client = redis.createClient({ url: ctx.url });
  var keysAsync = promisify(client.keys).bind(client);
  var viaCallback = await new Promise(function (resolve, reject) {
    client.keys('item:*', function (err, keys) {
      if (err) return reject(err);
      resolve(keys);
    });
  });
  var viaPromise = await keysAsync('item:1*');
  var none = await keysAsync('nothing:*');
  var store = new Store(ctx.url);
  var viaMethod = await new Promise(function (resolve, reject) {
    store.list(function (err, keys) {
      if (err) return reject(err);
      resolve(keys);
    });
  });
  await store.client.disconnect();
  await client.disconnect();
  return { viaCallback: viaCallback, viaPromise: viaPromise, none: none, viaMethod: viaMethod };
};
`;

/** node-redis v3's callback API, emulated by node-redis v4 in legacyMode (connects on creation, like v3). */
const LEGACY_SHIM = `var legacyRedis = {
  createClient: function (options) {
    var client = require('redis4').createClient(Object.assign({}, options, { legacyMode: true }));
    client.on('error', function () {});
    client.connect();
    return client;
  }
};
`;

describeRedis("keys-to-scan on a real Redis", () => {
  it("ioredis: loops, forEach, per-key commands, SMEMBERS, deletes, collections, .then and callbacks", async () => {
    const { before, after, output } = await beforeAndAfter<Record<string, string[] | number>>(IOREDIS, "behaviour/ioredis.mjs", ".mjs");
    expect(output).toContain("redis.sscan(");
    expect(asSets(after.result)).toEqual(asSets(before.result));
    expect(after.keyspace).toEqual(before.keyspace);
    const result = after.result as Record<string, string[]>;
    expect(sorted(result.visited)).toEqual(expectedItems("item:"));
    expect(sorted(result.tagged)).toEqual(expectedItems("item:1"));
    expect(result.members).toHaveLength(MATCHING);
    expect(result.none).toEqual([]);
    expect(sorted(result.sevens)).toEqual(expectedItems("item:7"));
    expectNoDuplicates(after.result as Record<string, unknown>);
    // APPEND is not idempotent: each item:2* key got exactly one "!".
    expect(after.keyspace["item:2"]).toMatchObject({ value: "v!" });
    expect(Object.keys(after.keyspace).some((k) => k.startsWith("item:3") || k.startsWith("item:4"))).toBe(false);
    expect(Object.keys(after.keyspace).filter((k) => k.startsWith("other:"))).toHaveLength(OTHERS);
    expect(before.keys).toBeGreaterThan(0);
    expect(after.keys).toBe(0);
    expect(after.scans).toBeGreaterThanOrEqual(10 * MIN_STEPS);
    expect(after.sscans).toBeGreaterThan(1);
  });

  it("node-redis v5: scanIterator batches for loops, sendCommand, SMEMBERS, deletes and collections", async () => {
    const { before, after, output } = await beforeAndAfter<Record<string, string[] | number>>(NODE_REDIS_5, "behaviour/node-redis-5.mjs", ".mjs");
    expect(output).toContain("scanIterator({ MATCH:");
    expect(asSets(after.result)).toEqual(asSets(before.result));
    expect(after.keyspace).toEqual(before.keyspace);
    const result = after.result as Record<string, string[]>;
    expect(sorted(result.visited)).toEqual(expectedItems("item:"));
    expect(sorted(result.audited)).toEqual(expectedItems("item:1"));
    expect(result.members).toHaveLength(MATCHING);
    expectNoDuplicates(after.result as Record<string, unknown>);
    expect(after.keys).toBe(0);
    expect(after.scans).toBeGreaterThanOrEqual(5 * MIN_STEPS);
    expect(after.sscans).toBeGreaterThan(1);
  });

  it("node-redis v4: numeric cursors, the single-key scanIterator, SMEMBERS, deletes and collections", async () => {
    const v4 = (text: string) => text.replace(/from "redis"/g, 'from "redis4"');
    const { before, after, output } = await beforeAndAfter<Record<string, string[] | number>>(NODE_REDIS_4, "node-redis-v4/behaviour.mjs", ".mjs", v4);
    expect(output).toContain("let cursor = 0;");
    expect(asSets(after.result)).toEqual(asSets(before.result));
    expect(after.keyspace).toEqual(before.keyspace);
    const result = after.result as Record<string, string[]>;
    expect(sorted(result.visited)).toEqual(expectedItems("item:"));
    expect(result.members).toHaveLength(MATCHING);
    expectNoDuplicates(after.result as Record<string, unknown>);
    expect(after.keys).toBe(0);
    expect(after.scans).toBeGreaterThanOrEqual(4 * MIN_STEPS);
  });

  it("legacy v2/v3 callbacks: the callback and the promisified function get every key once", async () => {
    const legacy = (text: string) => LEGACY_SHIM + text.replace("require('redis')", "legacyRedis");
    const { before, after, output } = await beforeAndAfter<Record<string, string[]>>(LEGACY, "legacy/behaviour.cjs", ".cjs", legacy);
    expect(output).toContain("function scanKeys(scanPage, callback)");
    expect(output).not.toContain("keysAsync");
    expect(asSets(after.result)).toEqual(asSets(before.result));
    expect(sorted(after.result.viaCallback)).toEqual(expectedItems("item:"));
    expect(sorted(after.result.viaPromise)).toEqual(expectedItems("item:1"));
    expect(after.result.none).toEqual([]);
    // The SCAN page of a method reads the method's own `this.client` and `this.prefix`.
    expect(sorted(after.result.viaMethod)).toEqual(expectedItems("item:2"));
    expect(after.keyspace).toEqual(before.keyspace);
    expectNoDuplicates(after.result);
    expect(after.keys).toBe(0);
    expect(after.scans).toBeGreaterThanOrEqual(3 * MIN_STEPS);
  });
});
