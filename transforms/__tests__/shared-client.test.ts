import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import * as transformModule from "../shared-client.js";
import type { ResolvedConfig } from "../lib/config.js";
import { buildProjectIndex } from "../lib/redis/project.js";
import { onlyModuleLevelConstructions } from "../lib/shared-client/plan.js";
import type { TransformModule } from "../registry.js";
import { applyTransform, defineFixtureTests, findFixtureCases, fixtureConfig, FIXTURES_ROOT } from "./harness.js";

const transform = transformModule as unknown as TransformModule;
const generateFile = transformModule.meta.generateFile!;
const FIXTURES = join(FIXTURES_ROOT, "shared-client");

defineFixtureTests(transform);

/** Every contribution the fixture cases of one project (a folder with its own config) make, in case order. */
function contributionsOf(projectRoot: string): { config: ResolvedConfig; modulePath: string; data: unknown[] } {
  const cases = findFixtureCases("shared-client").filter((c) => fixtureConfig(c.input, "shared-client").root === projectRoot);
  const config = fixtureConfig(join(projectRoot, "x.ts"), "shared-client");
  const project = buildProjectIndex(projectRoot);
  const data = cases.flatMap((c) => applyTransform(transform, c.input, readFileSync(c.input, "utf8"), { project }).contributions.map((k) => k.data));
  return { config, modulePath: resolve(projectRoot, config.clientModule), data };
}

describe("shared-client generated module", () => {
  // TS/JS × ESM/CJS × ioredis/node-redis (v4, v5, legacy v3): each fixture project holds the expected module.
  it.each([
    ["TypeScript ESM (ioredis + node-redis v5)", "."],
    ["TypeScript compiled to CommonJS", "ts-commonjs"],
    ["JavaScript CommonJS", "cjs"],
    ["JavaScript ESM", "esm-js"],
    ["TypeScript ESM, node-redis v4", "node-redis-v4"],
    ["JavaScript CommonJS, legacy node-redis v3", "legacy"],
  ])("%s: the run's contributions render the module in %s/src/redis", (_label, folder) => {
    const { config, modulePath, data } = contributionsOf(resolve(FIXTURES, folder));
    expect(data.length).toBeGreaterThan(0);
    const expected = readFileSync(modulePath, "utf8");
    expect(generateFile(modulePath, data, undefined, config)).toBe(expected);
    expect(generateFile(modulePath, [...data].reverse(), undefined, config)).toBe(expected);
    expect(generateFile(modulePath, data, expected, config)).toBe(expected);
  });

  it("extends a hand-written module: its code stays, imports are added, new configurations are appended once", () => {
    const modulePath = join(FIXTURES, "src", "redis", "client.ts");
    const config = fixtureConfig(modulePath, "shared-client");
    const existing = `import IORedis from "ioredis";\n\n// the cache, tuned by ops\nexport const redis = new IORedis(process.env.CACHE_URL!, { db: 1 });\n`;
    const entry = { name: "redisQueue", key: "createClient({ url: process.env.QUEUE_URL })", library: "node-redis", legacy: false, cluster: false, args: ["{ url: process.env.QUEUE_URL }"] };
    const once = generateFile(modulePath, [entry], existing, config);
    expect(once).toBe(`import IORedis from "ioredis";
import { createClient } from "redis";

// the cache, tuned by ops
export const redis = new IORedis(process.env.CACHE_URL!, { db: 1 });

// redis-codemods shared-client: createClient({ url: process.env.QUEUE_URL })
export const redisQueue = createClient({ url: process.env.QUEUE_URL });
redisQueue.on("error", (err: Error) => console.error("[redis] redisQueue:", err.message));
await redisQueue.connect();
`);
    expect(generateFile(modulePath, [entry], once, config)).toBe(once);
    const another = { name: "redisJobs", key: "new Redis(process.env.JOBS_URL)", library: "ioredis", legacy: false, cluster: false, args: ["process.env.JOBS_URL", "{ maxRetriesPerRequest: 3, enableOfflineQueue: false }"] };
    const twice = generateFile(modulePath, [entry, another], once, config);
    expect(twice).toContain('import { Redis } from "ioredis";');
    expect(twice.endsWith(`// redis-codemods shared-client: new Redis(process.env.JOBS_URL)
export const redisJobs = new Redis(process.env.JOBS_URL!, { maxRetriesPerRequest: 3, enableOfflineQueue: false });
redisJobs.on("error", (err: Error) => console.error("[redis] redisJobs:", err.message));
`)).toBe(true);
    expect(twice.match(/export const redisQueue/g)).toHaveLength(1);
  });

  it("ignores contributions of another shape", () => {
    const modulePath = join(FIXTURES, "src", "redis", "client.ts");
    const config = fixtureConfig(modulePath, "shared-client");
    expect(generateFile(modulePath, [{ key: 1 }, null], "// kept\n", config)).toBe("// kept\n");
  });
});

describe("shared-client export names across a project", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "shared-client-"));
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    write("package.json", JSON.stringify({ name: "names", type: "commonjs" }));
    write("redis-codemods.config.json", JSON.stringify({ clientModule: "src/redis/client.js" }));
    const handler = (args: string) => `const Redis = require("ioredis");\nmodule.exports = async (req, res) => {\n  const redis = new Redis(${args});\n  res.json(await redis.get("k"));\n  await redis.quit();\n};\n`;
    write("src/routes/cart.js", handler("process.env.REDIS_URL") + handler("process.env.REDIS_URL").replace(/.*require.*\n/, ""));
    write("src/middleware/rateLimit.js", handler(""));
    write("src/routes/legacy.js", handler("process.env.LEGACY_URL"));
    write("src/redis/client.js", `// redis-codemods shared-client: new Redis(process.env.LEGACY_URL)\nconst oldRedis = new Redis(process.env.LEGACY_URL);\nmodule.exports.oldRedis = oldRedis;\n`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const run = (file: string) => {
    const path = join(root, file);
    const config = { root, clientModule: "src/redis/client.js" } as Partial<ResolvedConfig>;
    return applyTransform(transform, path, readFileSync(path, "utf8"), { config, project: buildProjectIndex(root) });
  };

  it("gives the most used configuration the plain name and another configuration a name from its file", () => {
    expect(run("src/routes/cart.js").output).toContain('const { redis } = require("../redis/client");');
    expect(run("src/middleware/rateLimit.js").output).toContain('const { redisRateLimit } = require("../redis/client");');
  });

  it("keeps the name an existing export already has for the configuration", () => {
    const result = run("src/routes/legacy.js");
    expect(result.output).toContain("oldRedis.get(");
    expect(result.contributions.map((c) => (c.data as { name: string }).name)).toEqual(["oldRedis"]);
  });
});

describe("shared-client edges", () => {
  const at = (name: string) => join(FIXTURES, name);
  const apply = (name: string, source: string, opts = {}) => applyTransform(transform, at(name), source, opts);

  it("leaves files without a Redis client alone", () => {
    expect(apply("plain.ts", `export function f() { const m = new Map(); return m; }\n`).output).toBeUndefined();
  });

  it("skips test files unless asked", () => {
    const source = `import { Redis } from "ioredis";\nexport async function h(id: string) {\n  const r = new Redis(process.env.REDIS_URL!);\n  await r.get(id);\n  await r.quit();\n}\n`;
    expect(apply("__tests__/h.test.ts", source).output).toBeUndefined();
    expect(apply("__tests__/h.test.ts", source, { includeTests: true }).output).toContain('import { redis } from "../src/redis/client.js";');
  });

  it("never rewrites the client module itself", () => {
    const path = join(FIXTURES, "src", "redis", "client.ts");
    expect(applyTransform(transform, path, `import { Redis } from "ioredis";\nexport function f() { const r = new Redis(); return r.get("a"); }\n`).output).toBeUndefined();
  });

  it("removes one declarator of several and the guarded or optional closes", () => {
    const source = `import { Redis } from "ioredis";
export async function h(id: string) {
  const started = Date.now(), r = new Redis(process.env.REDIS_URL!);
  const v = await r.get(id);
  r && r.quit();
  r?.disconnect();
  if (r.status === "ready") {
    await r.quit();
  }
  return [v, started];
}
`;
    expect(apply("h.ts", source).output).toBe(`import { redis } from "./src/redis/client.js";
export async function h(id: string) {
  const started = Date.now();
  const v = await redis.get(id);
  return [v, started];
}
`);
  });

  it("keeps a try block whose declarations would clash with its surroundings", () => {
    const source = `import { Redis } from "ioredis";
export async function h(id: string) {
  const v = "none";
  const r = new Redis(process.env.REDIS_URL!);
  try {
    const v = await r.get(id);
    return v;
  } finally {
    await r.quit();
  }
}
`;
    const out = apply("h.ts", source).output!;
    expect(out).toContain("  {\n    const v = await redis.get(id);\n    return v;\n  }\n");
    expect(out).not.toContain("try");
  });

  it("leaves a client whose error listener does more than log", () => {
    const source = `import { createClient } from "redis";
export async function h(req: { id: string }, next: (e: unknown) => void) {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on("error", next);
  await client.connect();
  await client.get(req.id);
  await client.quit();
}
`;
    const result = apply("h.ts", source);
    expect(result.output).toBeUndefined();
    expect(result.findings.map((f) => f.message)).toEqual(["client listens to 'error' events per call — stays per call"]);
  });

  it("renames the client's own references, not a callback parameter of the same name", () => {
    const source = `import { Redis } from "ioredis";
export async function h(ids: string[]) {
  const r = new Redis(process.env.REDIS_URL!);
  const values = await Promise.all(ids.map((r) => r.toUpperCase()));
  await r.mget(...values);
  await r.quit();
}
`;
    expect(apply("h.ts", source).output).toContain("ids.map((r) => r.toUpperCase())");
    expect(apply("h.ts", source).output).toContain("await redis.mget(...values);");
  });

  it("with --mark, leaves a marker at a reported site and is idempotent", () => {
    const source = `import { Redis } from "ioredis";
export async function h(tenant: string) {
  const r = new Redis(tenant);
  await r.get("a");
  await r.quit();
}
`;
    const first = apply("h.ts", source, { mark: true });
    expect(first.output).toContain("/* redis-codemods: client options depend on request data (`tenant`) — stays per call */");
    expect(apply("h.ts", first.output!, { mark: true }).output).toBeUndefined();
  });

  it("keeps a node-redis client when the shared module would resolve another node-redis version", () => {
    const source = `var redis = require("redis");\nmodule.exports = function (req, res) {\n  var client = redis.createClient();\n  client.get("a", function (err, v) { client.quit(); res.send(v); });\n};\n`;
    const config = { root: FIXTURES, clientModule: "src/redis/client.ts" } as Partial<ResolvedConfig>;
    const result = apply("legacy/mismatch.js", source, { config });
    expect(result.output).toBeUndefined();
    expect(result.findings.map((f) => f.message)).toEqual(["the shared module resolves another node-redis version (v5) than this file (v3) — stays per call"]);
  });

  it("keeps a node-redis client in a CommonJS file when the shared module needs top-level await", () => {
    const source = `const { createClient } = require("redis");\nexports.h = async (req, res) => {\n  const c = createClient({ url: process.env.KV_URL });\n  await c.connect();\n  res.json(await c.get("a"));\n  await c.quit();\n};\n`;
    const result = apply("commonjs-handler.cjs", source);
    expect(result.output).toBeUndefined();
    expect(result.findings[0].message).toMatch(/top-level await/);
  });

  it("reports where each finding is, relative to the project", () => {
    const result = apply("h.ts", `import { Redis } from "ioredis";\nexport async function h() {\n  const r = new Redis(process.env.REDIS_URL!);\n  return r.get("a");\n}\n`);
    expect(result.findings).toMatchObject([{ rule: "R4", transform: "shared-client", line: 3, column: 13, fixed: true }]);
    expect(relative(FIXTURES, at("h.ts"))).toBe("h.ts");
  });
});

describe("naming plan: files it need not parse", () => {
  it("skips files whose every client construction is a module-level declaration", () => {
    expect(onlyModuleLevelConstructions(`import Redis from "ioredis";\nexport const redis = new Redis(process.env.REDIS_URL);\nconst seen = new Set();\n`)).toBe(true);
    expect(onlyModuleLevelConstructions(`var redis = require("redis");\nvar client = redis.createClient();\n`)).toBe(true);
    expect(onlyModuleLevelConstructions(`const { Cluster } = require("ioredis");\nmodule.exports = new Cluster([]);\n`)).toBe(true);
  });

  it("parses files that may construct a client inside a function, aliases included", () => {
    expect(onlyModuleLevelConstructions(`import Redis from "ioredis";\nexport async function h() {\n  const r = new Redis();\n}\n`)).toBe(false);
    expect(onlyModuleLevelConstructions(`import Client from "ioredis";\nexport const h = () => { const r = new Client(); return r; };\n`)).toBe(false);
    expect(onlyModuleLevelConstructions(`import { createClient } from "redis";\nexport default createClient();\n`)).toBe(false);
  });
});
