/**
 * namespace-keys: the fixture cases (every key form, each library, reports, imports), small edges
 * inline, and the generated key module itself — its TypeScript and JavaScript variants are run.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import * as transformModule from "../namespace-keys.js";
import { loadConfig } from "../lib/config.js";
import { ensureNamedImport } from "../lib/edit/imports.js";
import { generateKeyModule, keyModuleText, missingExports } from "../lib/keys/module.js";
import { moduleKeyWrappers } from "../lib/keys/wrappers.js";
import { jscodeshiftFor } from "../lib/parser.js";
import { buildProjectIndex } from "../lib/redis/project.js";
import type { TransformModule } from "../registry.js";
import { makeProject, REPO_ROOT } from "../../test/support/project.js";
import { applyTransform, defineFixtureTests, FIXTURES_ROOT, fixtureConfig } from "./harness.js";

const transform = transformModule as unknown as TransformModule;
const FIXTURES = join(FIXTURES_ROOT, "namespace-keys");

defineFixtureTests(transform);

/** Runs the transform on `files[file]` inside a temporary project made of `files`. */
function runIn(files: Record<string, string>, file: string, opts: { mark?: boolean } = {}) {
  const dir = makeProject(files);
  const path = join(dir, file);
  const result = applyTransform(transform, path, files[file], { config: loadConfig(path), project: buildProjectIndex(dir), mark: opts.mark });
  return { dir, ...result };
}

const IOREDIS_FILE = `import { Redis } from "ioredis";\nconst redis = new Redis();\nexport const load = (id: string) => redis.get("user:" + id);\n`;

describe("namespace-keys edges", () => {
  it("the fixture folder's key module is exactly what the transform generates", () => {
    const path = join(FIXTURES, "redis", "key.ts");
    expect(readFileSync(path, "utf8")).toBe(keyModuleText(path, fixtureConfig(path, "namespace-keys")));
  });

  it("contributes the key module, and generateFile never overwrites an existing one", () => {
    const { contributions, dir } = runIn({ "package.json": `{"name":"app","type":"module"}`, "src/a.ts": IOREDIS_FILE }, "src/a.ts");
    expect(contributions.map((c) => c.path)).toEqual([join(dir, "src/redis/key.js")]);
    const config = loadConfig(join(dir, "src/a.ts"));
    expect(generateKeyModule(contributions[0].path, [contributions[0].data], "// mine\n", config)).toBe("// mine\n");
    expect(generateKeyModule(contributions[0].path, [contributions[0].data], undefined, config)).toContain("export function key(");
  });

  it("imports with a .js suffix in an ESM JavaScript project, and without one in a CommonJS one", () => {
    const esm = runIn({ "package.json": `{"name":"app","type":"module"}`, "src/a.js": IOREDIS_FILE.replace(": string", "") }, "src/a.js");
    expect(esm.output).toContain(`import { key } from "./redis/key.js";`);
    const cjs = runIn({ "package.json": `{"name":"app"}`, "src/a.js": `const Redis = require("ioredis");\nconst redis = new Redis();\nredis.get("user:1");\n` }, "src/a.js");
    expect(cjs.output).toBe(`const Redis = require("ioredis");\nconst { key } = require("./redis/key");\nconst redis = new Redis();\nredis.get(key("user", "1"));\n`);
  });

  it("reports instead of rewriting when an existing key module lacks the needed exports", () => {
    const { output, findings } = runIn(
      { "package.json": `{"name":"app"}`, "redis-codemods.config.json": `{"keyModule":"lib/keys.ts"}`, "lib/keys.ts": "export const key = (...p: string[]) => p.join(':');\n", "a.ts": IOREDIS_FILE.replace(`"user:" + id`, "`user:${id}:*`").replace("redis.get", "redis.keys") },
      "a.ts",
    );
    expect(output).toBeUndefined();
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining("the key module lib/keys.ts exists but does not export keyPattern, glob")]);
  });

  it("reports instead of rewriting in a plain-JavaScript package that cannot load a TypeScript key module", () => {
    const { output, findings } = runIn(
      { "package.json": `{"name":"app","devDependencies":{"typescript":"5"}}`, "redis-codemods.config.json": "{}", "src/x.ts": "", "worker/package.json": `{"name":"worker"}`, "worker/index.js": `const Redis = require("ioredis");\nnew Redis().get("job:1");\n` },
      "worker/index.js",
    );
    expect(output).toBeUndefined();
    expect(findings[0].message).toContain("this file belongs to package worker (worker/package.json), which runs plain JavaScript");
  });

  it("with --mark, leaves a marker at reported sites and prints the file", () => {
    const source = `import { Redis } from "ioredis";\nconst redis = new Redis();\nexport function f(job: { key: string }) {\n  return redis.get(job.key);\n}\n`;
    const { output } = runIn({ "package.json": `{"name":"app"}`, "a.ts": source }, "a.ts", { mark: true });
    expect(output).toContain("/* redis-codemods: key from `job.key`, which the transform cannot see into");
  });

  it("plans every rewritten site: placeholders named after the code, wildcards, doubled hash-tag braces", () => {
    const plan = (name: string) => {
      const path = join(FIXTURES, `${name}.input.ts`);
      return applyTransform(transform, path, readFileSync(path, "utf8"), { project: buildProjectIndex(FIXTURES) }).migrations.map((m) => `${m.line} ${m.oldPattern} → ${m.newPattern}`);
    };
    expect(plan("ioredis-key-forms")).toEqual(expect.arrayContaining(["8 cart:{userId}:items → shop:{env}:cart:{userId}:items", "9 User:{userId}:seen → shop:{env}:user:{userId}:seen", "15 {{order:{userId}}}:lines → shop:{env}:{{order:{userId}}}:lines"]));
    expect(plan("scan-and-keys-patterns")).toEqual(["6 cache:{*} → shop:{env}:cache:{*}", "10 user:{userId}:{*} → shop:{env}:user:{userId}:{*}", "15 session:{*} → shop:{env}:session:{*}", "19 report:2024-{?}{?}-{*} → shop:{env}:report:2024-{?}{?}-{*}"]);
    expect(plan("constants-and-prefixes")).toContain("12 catalog:lists:new → shop:{env}:catalog:lists:new");
  });

  it("plans lowercased ids as {id|lower} when lowercaseIds is on", () => {
    const { migrations } = runIn({ "package.json": `{"name":"app"}`, "redis-codemods.config.json": `{"app":"billing","lowercaseIds":true}`, "a.ts": IOREDIS_FILE }, "a.ts");
    expect(migrations.map((m) => [m.oldPattern, m.newPattern])).toEqual([["user:{id}", "billing:{env}:user:{id|lower}"]]);
  });

  it("reports receivers that look like clients but are not proven", () => {
    const { output, findings } = runIn({ "package.json": `{"name":"app"}`, "a.js": `const Redis = require("ioredis");\nexports.f = (redis) => redis.get("user:1");\n` }, "a.js");
    expect(output).toBeUndefined();
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^possible Redis client — not rewritten: 'redis' is named like a Redis client/)]);
  });

  it("leaves files without Redis byte-identical and unreported, look-alike corpus included", () => {
    const corpus = join(REPO_ROOT, "test", "fixtures", "lookalikes");
    for (const name of ["map-set.ts", "express-app.js", "lru-cache.ts", "redis-config-object.js", "object-keys.js"]) {
      const path = join(corpus, name);
      const result = applyTransform(transform, path, readFileSync(path, "utf8"), { config: loadConfig(path) });
      expect([name, result.output, result.findings]).toEqual([name, undefined, []]);
    }
  });

  it("recognises existing key module exports in ESM and CommonJS", () => {
    expect(missingExports("export function key() {}\nexport function keyPattern() {}\nexport const glob = 1;\n")).toEqual([]);
    expect(missingExports("module.exports = { key, keyPattern, glob };\n")).toEqual([]);
    expect(missingExports("export { key };\n")).toEqual(["keyPattern", "glob"]);
  });
});

describe("key-passing wrappers across files", () => {
  const CACHE = `import Redis from "ioredis";
import { redis as prefixed } from "./prefixed";
const redis = new Redis();
export async function remember(cacheKey: string, load: () => Promise<string>) {
  return (await redis.get(cacheKey)) ?? redis.set(cacheKey, await load()).then(() => "");
}
export const listKeys = (pattern: string) => redis.keys(pattern);
export const tag = (member: string) => redis.sadd("tags", member);
export function touch(k: string) { return redis.expire(k, k.startsWith("session:") ? 86400 : 60); }
export function scoped(k: string) { return prefixed.get(k); }
export default function drop(k: string) { return redis.del(k); }
`;
  const PREFIXED = `import Redis from "ioredis";\nexport const redis = new Redis({ keyPrefix: "app:" });\n`;

  it("the project index learns which exported functions pass which parameter on as a key, a pattern, or also otherwise", () => {
    const dir = makeProject({ "package.json": `{"name":"app","type":"module"}`, "src/cache.ts": CACHE, "src/prefixed.ts": PREFIXED });
    const wrappers = moduleKeyWrappers(buildProjectIndex(dir), join(dir, "src/cache.ts"));
    const shown = Object.fromEntries(Object.entries(wrappers).map(([name, w]) => [name, [...w.params.map((p) => `${p.index}:${p.role}`), ...w.mixed.map((p) => `${p.index}:mixed@${p.at}`)]]));
    expect(shown).toEqual({ remember: ["0:key"], listKeys: ["0:pattern"], touch: ["0:mixed@src/cache.ts:9"], default: ["0:key"] });
  });

  it("follows wrappers of wrappers through modules that never mention Redis, CommonJS exports, and import cycles", () => {
    const dir = makeProject({
      "package.json": `{"name":"app"}`,
      "lib/store.js": `const Redis = require("ioredis");\nconst redis = new Redis();\nconst { page } = require("./pages");\nexports.read = function (k) { return redis.get(k); };\nmodule.exports.home = () => page("page:home");\n`,
      "lib/pages.js": `const store = require("./store");\nfunction page(name) { return store.read(name); }\nmodule.exports = { page, render: (name) => page(name) };\n`,
    });
    for (const first of ["lib/pages.js", "lib/store.js"]) {
      // whichever module of the cycle is asked first
      const index = buildProjectIndex(dir);
      moduleKeyWrappers(index, join(dir, first));
      expect(Object.keys(moduleKeyWrappers(index, join(dir, "lib/pages.js"))).sort()).toEqual(["page", "render"]);
      expect(Object.keys(moduleKeyWrappers(index, join(dir, "lib/store.js")))).toEqual(["read"]);
    }
  });

  it("namespaces the keys a file passes to a wrapper imported through a tsconfig path alias, in a file that never mentions Redis", () => {
    const files = {
      "package.json": `{"name":"app"}`,
      "tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }`,
      "src/cache.ts": CACHE,
      "src/prefixed.ts": PREFIXED,
      "src/routes/product.ts": `import { remember, scoped } from "@/cache";\nexport const product = (id: string) => remember(\`product:\${id}\`, async () => id);\nexport const other = (id: string) => scoped(\`product:\${id}\`);\n`,
    };
    const { output, migrations, dir } = runIn(files, "src/routes/product.ts");
    expect(transform.meta.mayApply!(files["src/routes/product.ts"], join(dir, "src/routes/product.ts"), buildProjectIndex(dir))).toBe(true);
    expect(output).toContain(`remember(key("product", id), async () => id)`);
    expect(output).toContain("scoped(`product:${id}`)");
    expect(migrations.map((m) => m.oldPattern)).toEqual(["product:{id}"]);
  });
});

describe("ensureNamedImport (shared edit helper)", () => {
  it("adds a second name to an existing import or destructuring require of the same module", () => {
    const j = jscodeshiftFor("tsx");
    const esm = j(`import { key } from "./k";\nkey();\n`);
    expect(ensureNamedImport(j, esm, { from: "./k", name: "keyPattern", esm: true })).toBe("keyPattern");
    expect(esm.toSource()).toBe(`import { key, keyPattern } from "./k";\nkey();\n`);
    const cjs = j(`const { key } = require("./k");\nconst keyPattern = 1;\n`);
    expect(ensureNamedImport(j, cjs, { from: "./k", name: "keyPattern", esm: false })).toBe("keyPattern2");
    expect(cjs.find(j.ObjectPattern).nodes()[0].properties.map((p: any) => `${p.key.name}:${p.value.name}`)).toEqual(["key:key", "keyPattern:keyPattern2"]);
  });
});

const TMP = join(REPO_ROOT, "test", ".tmp", "namespace-keys-module");
let instance = 0;

/** A fresh instance of the generated module (ESM from TS via tsc, or CommonJS), with NODE_ENV as given at first use. */
async function loadKeyModule(variant: "ts" | "cjs" | "mjs", config: { lowercaseIds?: boolean } = {}) {
  mkdirSync(TMP, { recursive: true });
  const base = { app: "shop", envVar: "SHOP_ENV", lowercaseIds: Boolean(config.lowercaseIds), root: TMP };
  const file = join(TMP, `key-${process.pid}-${instance++}`);
  if (variant === "cjs") {
    writeFileSync(`${file}.cjs`, keyModuleText(`${file}.cjs`, base));
    return createRequire(import.meta.url)(`${file}.cjs`);
  }
  const text = variant === "ts" ? ts.transpileModule(keyModuleText(`${file}.ts`, base), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText : keyModuleText(`${file}.mjs`, base);
  writeFileSync(`${file}.mjs`, text);
  return import(/* @vite-ignore */ pathToFileURL(`${file}.mjs`).href);
}

describe("the generated key module", () => {
  const saved = process.env.SHOP_ENV;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHOP_ENV;
    else process.env.SHOP_ENV = saved;
  });
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));

  for (const variant of ["ts", "cjs", "mjs"] as const) {
    describe(variant, () => {
      it("joins <app>:<env>:<parts> with ':' and reads the environment once, lowercased", async () => {
        process.env.SHOP_ENV = "Staging";
        const m = await loadKeyModule(variant);
        expect(m.key("user", 42, "profile")).toBe("shop:staging:user:42:profile");
        process.env.SHOP_ENV = "production";
        expect(m.key("user")).toBe("shop:staging:user");
      });

      it("fails with a clear error when the environment variable is unset", async () => {
        delete process.env.SHOP_ENV;
        const m = await loadKeyModule(variant);
        expect(() => m.key("user", 1)).toThrow(/set SHOP_ENV \(keys look like shop:<SHOP_ENV>:\.\.\.\)/);
      });

      it("escapes ':' '%' and whitespace so a value cannot span or forge segments", async () => {
        process.env.SHOP_ENV = "test";
        const m = await loadKeyModule(variant);
        expect(m.key("a:b")).not.toBe(m.key("a", "b"));
        expect(m.key("user", "1:admin")).toBe("shop:test:user:1%3Aadmin");
        expect(m.key("user", "a b\tc\n")).toBe("shop:test:user:a%20b%09c%0A");
        expect(m.key("user", "100%3A")).toBe("shop:test:user:100%253A");
        expect(m.key("user", "100%3A")).not.toBe(m.key("user", "100:"));
        expect(m.key("user", null, undefined)).toBe("shop:test:user:null:undefined");
      });

      it("keeps the case of ids unless lowercaseIds is on", async () => {
        process.env.SHOP_ENV = "test";
        expect((await loadKeyModule(variant)).key("session", "AbC")).toBe("shop:test:session:AbC");
        expect((await loadKeyModule(variant, { lowercaseIds: true })).key("session", "AbC")).toBe("shop:test:session:abc");
      });

      it("builds MATCH patterns: glob() parts are wildcards, glob characters elsewhere match literally", async () => {
        process.env.SHOP_ENV = "te*st";
        const m = await loadKeyModule(variant);
        expect(m.keyPattern("user", m.glob("*"))).toBe("shop:te\\*st:user:*");
        expect(m.keyPattern("user", "a*[b]?\\", m.glob("*"), "x:y")).toBe("shop:te\\*st:user:a\\*\\[b\\]\\?\\\\:*:x%3Ay");
      });
    });
  }
});
