/**
 * migrate-keys on a real Redis: dry by default, moves every planned key with its TTL, never
 * overwrites, refuses what it cannot place with certainty, and moves nothing the second time.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { formatMigrateKeysResult, migrateKeys, type PlanEntry } from "../src/migrate-keys.js";
import { describeRedis, redisUrl, snapshotKeyspace } from "./support/redis.js";

/** A database of its own: other suites flush theirs while this one runs. */
const DB = 11;

const plan: PlanEntry[] = [
  { file: "src/cart.js", line: 3, oldPattern: "cart:{userId}", newPattern: "shop:{env}:cart:{userId}" },
  { file: "src/cart.js", line: 4, oldPattern: "cart:{userId}:items", newPattern: "shop:{env}:cart:{userId}:items" },
  { file: "src/cart.js", line: 9, oldPattern: "cart:{id}", newPattern: "shop:{env}:cart:{id}" },
  { file: "src/session.js", line: 2, oldPattern: "Session:{sid}", newPattern: "shop:{env}:session:{sid}" },
  { file: "src/jobs.js", line: 7, oldPattern: "tmp:{*}", newPattern: "shop:{env}:tmp:{*}" },
  { file: "src/config.js", line: 1, oldPattern: "config:features", newPattern: "shop:{env}:config:features" },
  { file: "src/user.js", line: 5, oldPattern: "user:{id}", newPattern: "shop:{env}:user:{id}" },
  { file: "src/orders.js", line: 3, oldPattern: "{{order:{id}}}:lines", newPattern: "shop:{env}:{{order:{id}}}:lines" },
  { file: "src/reports.js", line: 8, oldPattern: "report:2024-{?}{?}-{*}", newPattern: "shop:{env}:report:2024-{?}{?}-{*}" },
];

async function seed(r: Redis): Promise<void> {
  await r.flushdb();
  await r.set("cart:42", "body", "EX", 600);
  await r.hset("cart:42:items", { sku1: "2" });
  await r.pexpire("cart:42:items", 900_000);
  await r.set("cart:a b", "spaced id");
  await r.set("Session:AbC", "token", "EX", 300);
  await r.rpush("tmp:job:1", "x", "y");
  await r.set("config:features", "{}");
  await r.set("user:7", "seven");
  await r.set("user:8", "eight");
  await r.set("shop:prod:user:8", "already there");
  await r.set("user:1:profile", "not in the plan's shape");
  await r.set("unrelated", "stays");
  await r.rpush("{order:5}:lines", "sku-1");
  await r.set("report:2024-01-05:eu", "{}", "EX", 1000);
  await r.set("report:2024-1-05:eu", "no: ? is one character");
  await r.set("shop:prod:cart:99", "already namespaced");
}

describeRedis("migrate-keys", () => {
  let r: Redis;
  beforeAll(() => {
    r = new Redis(redisUrl(DB));
  });
  afterAll(async () => {
    await r.flushdb();
    r.disconnect();
  });

  it("dry by default: reports what would move and changes nothing", async () => {
    await seed(r);
    const before = await snapshotKeyspace(r);
    const result = await migrateKeys({ plan: { migrationPlan: plan }, url: redisUrl(DB), env: "Prod" });
    expect(result.execute).toBe(false);
    expect(result.moved.map((m) => `${m.from} → ${m.to}`).sort()).toEqual([
      "Session:AbC → shop:prod:session:AbC",
      "cart:42 → shop:prod:cart:42",
      "cart:42:items → shop:prod:cart:42:items",
      "cart:a b → shop:prod:cart:a%20b",
      "config:features → shop:prod:config:features",
      "report:2024-01-05:eu → shop:prod:report:2024-01-05:eu",
      "tmp:job:1 → shop:prod:tmp:job:1",
      "user:7 → shop:prod:user:7",
      "{order:5}:lines → shop:prod:{order:5}:lines",
    ]);
    expect(result.refused.map((x) => x.from).sort()).toEqual(["user:1:profile", "user:8"]);
    expect(await snapshotKeyspace(r)).toEqual(before);
    expect(formatMigrateKeysResult(result)).toContain("dry run: 9 key(s) would be moved");
  });

  it("--execute moves every planned key with its value and TTL, refusing existing targets and ambiguous keys", async () => {
    await seed(r);
    const before = await snapshotKeyspace(r);
    const result = await migrateKeys({ plan: { migrationPlan: plan }, url: redisUrl(DB), env: "prod", execute: true });
    expect(result.moved).toHaveLength(9);
    const refused = [...result.refused].sort((a, b) => a.from.localeCompare(b.from));
    expect(refused).toEqual([
      expect.objectContaining({ from: "user:1:profile", reason: expect.stringContaining("ambiguous: user:1:profile matches user:{id} only if a value contains ':'") }),
      { from: "user:8", to: "shop:prod:user:8", reason: "target exists: not overwritten" },
    ]);
    const after = await snapshotKeyspace(r);
    for (const { from, to } of result.moved) {
      expect(after[from]).toBeUndefined();
      expect({ ...after[to], ttl: undefined }).toEqual({ ...before[from], ttl: undefined });
      if (before[from].ttl > 0) expect(after[to].ttl).toBeGreaterThan(before[from].ttl - 5);
      else expect(after[to].ttl).toBe(-1);
    }
    expect(after["user:8"].value).toBe("eight");
    expect(after["shop:prod:user:8"].value).toBe("already there");
    expect(after["unrelated"].value).toBe("stays");
    expect(after["shop:prod:cart:99"].value).toBe("already namespaced");
  });

  it("re-running moves nothing", async () => {
    const again = await migrateKeys({ plan: { migrationPlan: plan }, url: redisUrl(DB), env: "prod", execute: true });
    expect(again.moved).toEqual([]);
    expect(again.refused.map((x) => x.from).sort()).toEqual(["user:1:profile", "user:8"]);
  });

  it("copy mode keeps the old keys, and a re-run counts finished copies instead of refusing them", async () => {
    await seed(r);
    const first = await migrateKeys({ plan: { migrationPlan: plan }, url: redisUrl(DB), env: "prod", execute: true, copy: true });
    expect(first.moved).toHaveLength(9);
    expect(await r.get("cart:42")).toBe("body");
    expect(await r.ttl("shop:prod:cart:42")).toBeGreaterThan(590);
    const second = await migrateKeys({ plan: { migrationPlan: plan }, url: redisUrl(DB), env: "prod", execute: true, copy: true });
    expect(second.moved).toEqual([]);
    expect(second.alreadyMigrated).toBe(9);
    expect(second.refused.map((x) => x.from).sort()).toEqual(["user:1:profile", "user:8"]);
  });

  it("reads the plan from a JSON report file and needs the environment name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrate-keys-"));
    const file = join(dir, "report.json");
    writeFileSync(file, JSON.stringify({ version: 1, migrationPlan: plan.filter((e) => e.oldPattern === "config:features") }));
    await seed(r);
    const result = await migrateKeys({ plan: file, url: redisUrl(DB), env: "prod" });
    expect(result.moved).toEqual([{ from: "config:features", to: "shop:prod:config:features" }]);
    await expect(migrateKeys({ plan: file, url: redisUrl(DB), env: "" })).rejects.toThrow(/environment name/);
    await expect(migrateKeys({ plan: { migrationPlan: [{ oldPattern: 1 }] } as never, url: redisUrl(DB), env: "x" })).rejects.toThrow(/invalid plan entry/);
  });
});
