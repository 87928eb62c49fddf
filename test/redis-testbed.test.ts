/** The real-Redis test bed itself: a server is up, scenarios run against it, the keyspace is read back. */
import { spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import { describeRedis, redisPort, redisUrl, runScenario, seedKeys } from "./support/redis.js";

describe("test bed", () => {
  // In CI a missing binary already fails the global setup; everywhere, an installed one must be running.
  it("serves on a port exactly when redis-server is installed", () => {
    const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
    expect(typeof redisPort === "number").toBe(installed);
  });
});

describeRedis("real Redis scenarios", () => {
  it("runs a module against the server and snapshots values and TTLs", async () => {
    const source = `import { Redis } from "ioredis";
      export default async ({ url }: { url: string }) => {
        const r = new Redis(url);
        try {
          await r.set("a", "1", "EX", 100);
          await r.hset("h", "f", "v");
          return await r.dbsize();
        } finally { r.disconnect(); }
      };`;
    const outcome = await runScenario<number>(source, { seed: (c) => seedKeys(c, "seed:", 3) });
    expect(outcome.result).toBe(5);
    expect(outcome.keyspace.a).toMatchObject({ type: "string", value: "1" });
    expect(outcome.keyspace.a.ttl).toBeGreaterThan(90);
    expect(outcome.keyspace.h).toEqual({ type: "hash", value: { f: "v" }, ttl: -1 });
    expect(Object.keys(outcome.keyspace).sort()).toEqual(["a", "h", "seed:0", "seed:1", "seed:2"]);
  });

  it("starts every scenario from an empty database", async () => {
    const admin = new Redis(redisUrl());
    await admin.set("leftover", "x");
    admin.disconnect();
    const outcome = await runScenario<null>(`export default async () => null;`, { ext: ".mjs" });
    expect(outcome.keyspace).toEqual({});
  });
});
