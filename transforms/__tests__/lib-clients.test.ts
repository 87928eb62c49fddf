/**
 * The client model: every way legacy code reaches a client is recognised (recall), and
 * look-alikes are not (precision). Checked through `inspectSource`, the view `inspect` prints.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inspectSource } from "../../src/inspect.js";
import { jscodeshiftFor } from "../lib/parser.js";
import { analyzeClients } from "../lib/redis/clients.js";
import { buildProjectIndex, parseModule, projectIndexFrom } from "../lib/redis/project.js";
import { makeProject, REPO_ROOT } from "../../test/support/project.js";

const noProject = projectIndexFrom({ root: REPO_ROOT, modules: {} });

/** `COMMAND key,...` for every command call the model finds in `source`. */
function commands(source: string, file = join(REPO_ROOT, "virtual.ts"), project = noProject): string[] {
  return inspectSource(file, source, project).commands.map((c) => `${c.command} ${c.keys.map((k) => k.replace(/^["'`]|["'`]$/g, "")).join(",")}`.trim());
}

function flavours(source: string, file = join(REPO_ROOT, "virtual.ts")): string[] {
  return inspectSource(file, source, noProject).commands.map((c) => c.flavour);
}

describe("recall: ioredis", () => {
  it.each([
    ["default import", `import Redis from "ioredis"; const r = new Redis(); r.get("a");`],
    ["renamed default import", `import IORedis from "ioredis"; const r = new IORedis(process.env.URL); r.get("a");`],
    ["named import", `import { Redis } from "ioredis"; const r = new Redis(); r.get("a");`],
    ["namespace import", `import * as io from "ioredis"; const r = new io.default(); r.get("a");`],
    ["require", `const Redis = require("ioredis"); const r = new Redis(); r.get("a");`],
    ["destructured require", `const { Redis } = require("ioredis"); const r = new Redis(); r.get("a");`],
    ["require(...).default", `const Redis = require("ioredis").default; const r = new Redis(); r.get("a");`],
    ["dynamic import", `async function f() { const { default: Redis } = await import("ioredis"); const r = new Redis(); r.get("a"); }`],
    ["cluster", `import Redis from "ioredis"; const r = new Redis.Cluster([]); r.get("a");`],
    ["named Cluster", `import { Cluster } from "ioredis"; const r = new Cluster([]); r.get("a");`],
    ["alias", `import Redis from "ioredis"; const redis = new Redis(); const r = redis; r.get("a");`],
    ["reassignment", `import Redis from "ioredis"; let r; r = new Redis(); r.get("a");`],
    ["memoised", `import Redis from "ioredis"; let c; const get = () => c || (c = new Redis()); get().get("a");`],
    ["this.redis in constructor", `import Redis from "ioredis"; class S { constructor() { this.redis = new Redis(); } f() { return this.redis.get("a"); } }`],
    ["class field", `import Redis from "ioredis"; class S { redis = new Redis(); f() { return this.redis.get("a"); } }`],
    ["typed class field", `import type { Redis } from "ioredis"; class S { private redis!: Redis; f() { return this.redis.get("a"); } }`],
    ["constructor parameter property", `import { Redis } from "ioredis"; class S { constructor(private readonly redis: Redis) {} f() { return this.redis.get("a"); } }`],
    ["DI decorator", `import { Redis } from "ioredis"; class S { constructor(@InjectRedis() private readonly redis: Redis) {} f() { return this.redis.get("a"); } }`],
    ["typed parameter", `import type Redis from "ioredis"; export function f(r: Redis) { return r.get("a"); }`],
    ["nullable typed parameter", `import { Redis } from "ioredis"; export function f(r: Redis | null) { return r!.get("a"); }`],
    ["object property of module-level object", `import Redis from "ioredis"; const clients = { cache: new Redis() }; clients.cache.get("a");`],
    ["closure", `import Redis from "ioredis"; const r = new Redis(); export const h = async () => { return r.get("a"); };`],
    ["factory function", `import Redis from "ioredis"; function getRedis() { return new Redis(); } getRedis().get("a");`],
    ["duplicate()", `import Redis from "ioredis"; const r = new Redis(); const sub = r.duplicate(); sub.get("a");`],
    ["getter returning client", `import Redis from "ioredis"; class S { c = new Redis(); get client() { return this.c; } f() { return this.client.get("a"); } }`],
  ])("%s", (_name, source) => {
    expect(commands(source)).toContain("GET a");
  });

  it("multi and pipeline chains queue commands on the client", () => {
    const src = `import Redis from "ioredis"; const r = new Redis();
      r.multi().set("a", "1").expire("a", 5).exec();
      const p = r.pipeline(); p.set("b", "2"); p.exec();`;
    expect(commands(src)).toEqual(["SET a", "EXPIRE a", "SET b"]);
    expect(inspectSource(join(REPO_ROOT, "v.ts"), src, noProject).commands.map((c) => c.inTransaction)).toEqual([true, true, true]);
  });

  it("call() and sendCommand-style generic commands", () => {
    expect(commands(`import Redis from "ioredis"; const r = new Redis(); r.call("keys", "a*"); r.call("GET", "k");`)).toEqual(["KEYS", "GET k"]);
  });
});

describe("recall: node-redis", () => {
  it.each([
    ["named createClient", `import { createClient } from "redis"; const c = createClient(); c.hGetAll("h");`],
    ["@redis/client", `import { createClient } from "@redis/client"; const c = createClient(); c.hGetAll("h");`],
    ["namespace", `import * as redis from "redis"; const c = redis.createClient(); c.hGetAll("h");`],
    ["require + member", `const redis = require("redis"); const c = redis.createClient(); c.hGetAll("h");`],
    ["destructured require", `const { createClient } = require("redis"); const c = createClient(); c.hGetAll("h");`],
    ["createCluster", `import { createCluster } from "redis"; const c = createCluster({ rootNodes: [] }); c.hGetAll("h");`],
    ["RedisClientType param", `import type { RedisClientType } from "redis"; export async function f(c: RedisClientType) { await c.hGetAll("h"); }`],
    ["ReturnType<typeof createClient>", `import { createClient } from "redis"; type Client = ReturnType<typeof createClient>; export function f(c: Client) { c.hGetAll("h"); }`],
    ["upper-case alias", `import { createClient } from "redis"; const c = createClient(); c.HGETALL("h");`],
  ])("%s", (_name, source) => {
    expect(commands(source)).toContain("HGETALL h");
  });

  it("sendCommand arrays", () => {
    expect(commands(`import { createClient } from "redis"; const c = createClient(); c.sendCommand(["KEYS", "a*"]); c.sendCommand(["GET", "k"]);`)).toEqual(["KEYS", "GET k"]);
  });

  it("flavour follows the nearest package.json: v3 is legacy (callbacks), v4 and v5 are promise clients", () => {
    const dir = makeProject({
      "v3/package.json": JSON.stringify({ dependencies: { redis: "^3.1.2" } }),
      "v4/package.json": JSON.stringify({ dependencies: { redis: "^4.6.0" } }),
    });
    const src = `const redis = require("redis"); const c = redis.createClient(); c.get("a", function (err, v) {});`;
    const v3 = inspectSource(join(dir, "v3/a.js"), src, noProject).commands[0];
    expect(v3).toMatchObject({ command: "GET", flavour: "node-redis-legacy", keys: ["\"a\""] });
    expect(flavours(src, join(dir, "v4/a.js"))).toEqual(["node-redis"]);
  });

  it("a legacy trailing callback is a function, never a parameter of the enclosing function", () => {
    const dir = makeProject({ "package.json": JSON.stringify({ dependencies: { redis: "^3.1.2" } }) });
    const src = `const redis = require("redis"); const c = redis.createClient();
      function done() {}
      function save(k, value) { c.set(k, value); c.set(k, value, done); }`;
    const j = jscodeshiftFor("tsx");
    const calls = analyzeClients(j, j(src), join(dir, "a.js"), noProject).commandCalls();
    expect(calls.map((c) => c.callback?.node.name)).toEqual([undefined, "done"]);
  });

  it("promisified legacy methods: util.promisify(...).bind and promisifyAll's xxxAsync", () => {
    const dir = makeProject({ "package.json": JSON.stringify({ dependencies: { redis: "^3.1.2" } }) });
    const src = `const { promisify } = require("util"); const redis = require("redis"); const client = redis.createClient();
      const keysAsync = promisify(client.keys).bind(client);
      async function f() { await keysAsync("a*"); await client.getAsync("k"); }`;
    const found = inspectSource(join(dir, "a.js"), src, noProject).commands.map((c) => `${c.command}:${c.form}`);
    expect(found).toEqual(["KEYS:promisified", "GET:promisified"]);
  });
});

describe("recall: across files", () => {
  it("imports and requires of project modules that export a client or a factory", () => {
    const dir = makeProject({
      "package.json": "{}",
      "src/lib/redis.ts": `import Redis from "ioredis";\nexport const redis = new Redis();\nexport default redis;\nexport function getRedis() { return redis; }\n`,
      "src/lib/index.ts": `export { redis as cache } from "./redis";\n`,
      "src/cache.js": `const IORedis = require("ioredis");\nconst client = new IORedis();\nmodule.exports = { client };\n`,
      "src/single.js": `const IORedis = require("ioredis");\nmodule.exports = new IORedis();\n`,
    });
    const project = buildProjectIndex(dir);
    const file = join(dir, "src/app.ts");
    const src = `import { redis, getRedis } from "./lib/redis.js";
      import def from "./lib/redis";
      import { cache } from "./lib";
      import * as lib from "./lib/redis";
      const { client } = require("./cache");
      const single = require("./single");
      redis.get("a"); getRedis().get("b"); def.get("c"); cache.get("d"); lib.redis.get("e"); client.get("f"); single.get("g");`;
    expect(commands(src, file, project)).toEqual(["GET a", "GET b", "GET c", "GET d", "GET e", "GET f", "GET g"]);
  });
});

describe("precision: look-alikes", () => {
  const corpus = join(REPO_ROOT, "test", "fixtures", "lookalikes");
  for (const name of readdirSync(corpus)) {
    it(`${name}: no clients, no commands, no possible clients`, () => {
      const result = inspectSource(join(corpus, name), readFileSync(join(corpus, name), "utf8"), noProject);
      expect(result).toMatchObject({ clients: [], commands: [], possibleClients: [] });
    });
  }

  it("a variable merely named redis is not a client", () => {
    expect(commands(`const redis = { host: "x" }; redis.set("a", 1); redis.keys("a*");`)).toEqual([]);
  });
});

describe("possible clients", () => {
  it("reports receivers named like clients or calling distinctive commands, without proving them", () => {
    const src = `export async function f(redis, store, deps) { await redis.get("a"); await store.hgetall("h"); await deps.client.keys("user:*"); }`;
    const found = inspectSource(join(REPO_ROOT, "v.js"), src, noProject).possibleClients.map((p) => `${p.receiver}.${p.method}`);
    expect(found).toEqual(["redis.get", "store.hgetall", "deps.client.keys"]);
    expect(commands(src)).toEqual([]);
  });
});

describe("recall: clients of one cluster node", () => {
  it("ioredis: the elements of cluster.nodes() in a for...of", () => {
    const src = `import Redis from "ioredis"; const c = new Redis.Cluster([]);
      async function f() { for (const node of c.nodes("master")) await node.scan("0", "MATCH", "a:*"); }`;
    expect(commands(src)).toEqual(["SCAN"]);
  });

  it("node-redis: await cluster.nodeClient(master)", () => {
    const src = `import { createCluster } from "redis"; const c = createCluster({ rootNodes: [] });
      async function f() { for (const m of c.masters) { const n = await c.nodeClient(m); await n.get("a"); } }`;
    expect(commands(src)).toEqual(["GET a"]);
  });

  it("not the elements of other loops, nor nodes() of a single client", () => {
    const src = `import Redis from "ioredis"; const r = new Redis(); const c = new Redis.Cluster([]);
      async function f(list: any[]) { for (const x of list) await x.scan("0"); for (const y of r.nodes("master")) await y.scan("0"); }`;
    expect(commands(src)).toEqual([]);
  });
});

describe("ioredis keyPrefix", () => {
  /** keyPrefix flag of each command call's client, in source order. */
  function prefixed(source: string): boolean[] {
    const j = jscodeshiftFor("ts");
    return analyzeClients(j, j(source), join(REPO_ROOT, "v.ts"), noProject).commandCalls().map((c) => Boolean(c.client.keyPrefix));
  }

  it("marks clients constructed with keyPrefix (literal options, a const options object, a Cluster's redisOptions, duplicates)", () => {
    const src = `import Redis from "ioredis";
      const opts = { keyPrefix: "svc:" };
      const a = new Redis({ keyPrefix: "a:" }); const b = new Redis(6379, "h", opts);
      const c = new Redis.Cluster([], { redisOptions: { keyPrefix: "c:" } }); const d = a.duplicate();
      a.get("k"); b.get("k"); c.get("k"); d.get("k");`;
    expect(prefixed(src)).toEqual([true, true, true, true]);
  });

  it("leaves clients without keyPrefix unmarked", () => {
    expect(prefixed(`import Redis from "ioredis"; const r = new Redis({ host: "h", db: 1 }); r.get("k");`)).toEqual([false]);
  });
});

describe("QA findings on the client model", () => {
  it("a node-redis v4 legacyMode client speaks v3 callbacks; its .v4 is the promise client", () => {
    const dir = makeProject({ "package.json": JSON.stringify({ dependencies: { redis: "^4.6.7" } }) });
    const src = `const { createClient } = require("redis");
      const client = createClient({ legacyMode: true });
      client.set("a", "1", function () {});
      client.v4.set("b", "2");`;
    const found = inspectSource(join(dir, "a.js"), src, noProject).commands.map((c) => `${c.command}:${c.flavour}`);
    expect(found).toEqual(["SET:node-redis-legacy", "SET:node-redis"]);
  });

  it("a function whose declared return type is a client (Promise<ReturnType<typeof createClient>>) is a factory", () => {
    const src = `import { createClient } from "redis";
      type RedisClient = ReturnType<typeof createClient>;
      let p: Promise<RedisClient> | undefined;
      export function getRedis(): Promise<RedisClient> {
        if (!p) { const c = createClient(); p = c.connect().then(() => c); }
        return p;
      }
      export async function search() { const redis = await getRedis(); return redis.get("post:1"); }`;
    expect(commands(src)).toContain("GET post:1");
  });

  it("a parameter named redis but typed Map is no client and no suspect", () => {
    const src = `import { Redis } from "ioredis";
      export const client = new Redis();
      export function tally(redis: Map<string, number>) { redis.set("a", 1); return [...redis.keys()]; }`;
    const result = inspectSource(join(REPO_ROOT, "v.ts"), src, noProject);
    expect(result.commands).toEqual([]);
    expect(result.possibleClients).toEqual([]);
  });

  it("a project that depends on no Redis library has no possible clients", () => {
    const dir = makeProject({ "package.json": JSON.stringify({ dependencies: { express: "^4" } }) });
    const src = `import { redis as store } from "./store.js"; export const widgets = () => store.keys("widget:*");`;
    expect(inspectSource(join(dir, "app.js"), src, noProject).possibleClients).toEqual([]);
    const withRedis = makeProject({ "package.json": JSON.stringify({ dependencies: { ioredis: "^5" } }) });
    expect(inspectSource(join(withRedis, "app.js"), src, noProject).possibleClients.length).toBe(1);
  });
});

describe("tsconfig path aliases", () => {
  it("follows `@/lib/redis` through tsconfig paths (Next.js) and `src/redis` through baseUrl", () => {
    const dir = makeProject({
      "package.json": JSON.stringify({ dependencies: { ioredis: "^5" } }),
      "tsconfig.json": `{
        // JSON with comments, as tsconfig allows
        "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] }, },
      }`,
      "lib/redis.ts": `import Redis from "ioredis";\nexport const redis = new Redis();\n`,
    });
    const project = buildProjectIndex(dir);
    const src = `import { redis } from "@/lib/redis"; import { redis as r2 } from "lib/redis"; import express from "express"; redis.get("a"); r2.get("b");`;
    expect(commands(src, join(dir, "app/api/route.ts"), project)).toEqual(["GET a", "GET b"]);
  });
});

describe("project index: resolving modules and caching other per-module analyses", () => {
  it("resolve() finds project modules (relative, .js → .ts, /index, tsconfig paths) within the files it may analyse", () => {
    const dir = makeProject({
      "package.json": "{}",
      "tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }`,
      "src/lib/cache.ts": "export const x = 1;\n",
      "src/lib/index.ts": "export * from './cache';\n",
      "src/other.ts": "export const y = 2;\n",
    });
    const from = join(dir, "src/app.ts");
    const all = buildProjectIndex(dir);
    expect(all.resolve(from, "./lib/cache.js")).toBe(join(dir, "src/lib/cache.ts"));
    expect(all.resolve(from, "./lib")).toBe(join(dir, "src/lib/index.ts"));
    expect(all.resolve(from, "@/lib/cache")).toBe(join(dir, "src/lib/cache.ts"));
    expect([all.resolve(from, "./missing"), all.resolve(from, "express")]).toEqual([undefined, undefined]);
    const bounded = buildProjectIndex(dir, [join(dir, "src/lib/cache.ts")]);
    expect([bounded.resolve(from, "./lib/cache"), bounded.resolve(from, "./other")]).toEqual([join(dir, "src/lib/cache.ts"), undefined]);
    bounded.declare(join(dir, "src/redis/client.ts"), {});
    expect(bounded.resolve(from, "./redis/client.js")).toBe(join(dir, "src/redis/client.ts"));
  });

  it("analysisOf() computes once per kind and module, and answers `pending` inside an import cycle", () => {
    const index = projectIndexFrom({ root: REPO_ROOT, modules: {} });
    const runs: string[] = [];
    const analyse = (file: string): string[] =>
      index.analysisOf("test:deps", file, () => {
        runs.push(file);
        // a imports b, b imports a: the inner question about a gets the pending answer
        return file === "/a.ts" ? ["b", ...analyse("/b.ts")] : ["a", ...analyse("/a.ts")];
      }, ["(cycle)"]);
    expect(analyse("/a.ts")).toEqual(["b", "a", "(cycle)"]);
    expect(analyse("/a.ts")).toEqual(["b", "a", "(cycle)"]);
    expect(runs).toEqual(["/a.ts", "/b.ts"]);
    // b's answer inside a's cycle missed a; asked on its own it is computed again (a is known now) and kept
    expect(analyse("/b.ts")).toEqual(["a", "b", "a", "(cycle)"]);
    expect(analyse("/b.ts")).toEqual(["a", "b", "a", "(cycle)"]);
    expect(runs).toEqual(["/a.ts", "/b.ts", "/b.ts"]);
    expect(index.analysisOf("test:other", "/a.ts", () => "other kind", "")).toBe("other kind");
    // client exports are a separate, unaffected cache
    expect(index.modules).toEqual({});
  });

  it("parseModule() parses a project module by its extension, and gives up on missing or unparseable files", () => {
    const dir = makeProject({ "ok.ts": "export const f = (k: string) => k;\n", "broken.js": "export const = ;\n" });
    const parsed = parseModule(join(dir, "ok.ts"));
    expect(parsed?.root.find(parsed.j.ArrowFunctionExpression).size()).toBe(1);
    expect(parseModule(join(dir, "broken.js"))).toBeUndefined();
    expect(parseModule(join(dir, "missing.ts"))).toBeUndefined();
  });
});
