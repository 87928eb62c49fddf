/**
 * keys-to-scan: the fixture folder is the spec (one case per shape and library); the inline
 * cases below pin the edges that do not deserve a whole fixture.
 */
import { join } from "node:path";
import * as transformModule from "../keys-to-scan.js";
import type { TransformModule } from "../registry.js";
import { applyTransform, defineFixtureTests, FIXTURES_ROOT } from "./harness.js";
import { codeStyle } from "../lib/scan/style.js";
import { buildProjectIndex } from "../lib/redis/project.js";

const transform = transformModule as unknown as TransformModule;
const ROOT = join(FIXTURES_ROOT, "keys-to-scan");

defineFixtureTests(transform);

/** Runs the transform on `source` as a file of the fixture folder (ioredis / node-redis v5 unless `dir` says otherwise). */
function run(source: string, name = "inline.ts", opts: Parameters<typeof applyTransform>[3] = {}) {
  return applyTransform(transform, join(ROOT, name), source, opts);
}

const IOREDIS = `import { Redis } from "ioredis";\nconst redis = new Redis();\n`;

describe("keys-to-scan edges", () => {
  it("leaves files without Redis byte-identical and unreported", () => {
    const source = `const cache = new Map<string, string>();\nexport const names = () => [...cache.keys()];\n`;
    expect(run(source)).toMatchObject({ output: undefined, findings: [] });
  });

  it("takes COUNT from scanCount", () => {
    const { output } = run(`${IOREDIS}export const all = async () => (await redis.keys("a:*")).length;\n`, "inline.ts", { config: { scanCount: 100 } });
    expect(output).toContain(`"MATCH", "a:*", "COUNT", 100`);
  });

  it("rewrites KEYS in test files only with includeTests", () => {
    const source = `${IOREDIS}export async function clean() { const keys = await redis.keys("*"); if (keys.length) await redis.del(...keys); }\n`;
    expect(run(source, "__tests__/clean.ts").output).toBeUndefined();
    expect(run(source, "__tests__/clean.ts", { includeTests: true }).output).toContain("redis.scan(");
    expect(run(source, "clean.spec.ts").output).toBeUndefined();
  });

  it("collects instead of streaming when something waits between KEYS and the loop", () => {
    const source = `${IOREDIS}export async function f(log: (k: string) => void) {
  const keys = await redis.keys("a:*");
  await redis.set("a:new", "1");
  for (const k of keys) log(k);
}
`;
    const { output } = run(source);
    expect(output).toContain("const keys = [...found];");
    expect(output).toContain("for (const k of keys) log(k);");
  });

  it("collects when the keys variable is reassigned or used twice", () => {
    const source = `${IOREDIS}export async function f(log: (k: string) => void) {
  let keys = await redis.keys("a:*");
  for (const k of keys) log(k);
  keys = [];
  return keys;
}
`;
    expect(run(source).output).toContain("let keys = [...found];");
  });

  it("streams a loop whose own nested loop breaks, but not one that breaks itself", () => {
    const nested = `${IOREDIS}export async function f() {
  for (const k of await redis.keys("a:*")) {
    for (const c of k) if (c === ":") break;
  }
}
`;
    expect(run(nested).output).toContain("const fresh = batch.filter");
    const own = nested.replace(`for (const c of k) if (c === ":") break;`, `if (k === "a:stop") break;`);
    expect(run(own).output).toContain("for (const k of [...found])");
  });

  it("with --mark, leaves a marker at reported sites and prints the file", () => {
    const source = `${IOREDIS}export const snapshot = () => redis.multi().keys("a:*").exec();\n`;
    const { output, findings } = run(source, "inline.ts", { mark: true });
    expect(findings).toHaveLength(1);
    expect(output).toContain("/* redis-codemods: KEYS queued in multi()/pipeline()");
  });

  it("with --mark, keeps a marker that sits on a statement the loop replaces", () => {
    const source = `${IOREDIS}export async function f() {
  const keys = await redis.keys("user:*");
  keys.forEach((k) => redis.hgetall(k));
}
`;
    const { output, findings } = run(source, "inline.ts", { mark: true });
    expect(findings.map((f) => f.fixed)).toEqual([true, false]);
    expect(output).toContain("/* redis-codemods: HGETALL reads the whole hash");
    expect(output).toContain("fresh.forEach((k) => redis.hgetall(k));");
  });

  it("reports callback KEYS in TypeScript instead of rewriting it", () => {
    const source = `${IOREDIS}export function f(cb: (err: Error | null | undefined, keys?: string[]) => void) { redis.keys("a:*", cb); }\n`;
    const { output, findings } = run(source);
    expect(output).toBeUndefined();
    expect(findings.map((f) => f.message)).toEqual(["callback-style KEYS in TypeScript — not rewritten: rewrite it with await and SCAN"]);
  });

  it("rewrites KEYS on a client exported by another project file", () => {
    const project = buildProjectIndex(ROOT, [join(ROOT, "redis.js")]);
    const source = `const redis = require("./redis");\nasync function f() { return (await redis.keys("a:*")).length; }\nmodule.exports = { f };\n`;
    expect(run(source, "inline.js", { project }).output).toContain("found.size");
  });

  it("adds the callback helper once, and reuses it when KEYS comes back later", () => {
    const keys = `redis.keys("a:*", (err, keys) => console.log(err, keys));\n`;
    const first = run(`const Redis = require("ioredis");\nconst redis = new Redis();\n${keys}${keys}`, "inline.js").output!;
    expect(first.match(/function scanKeys\(/g)).toHaveLength(1);
    expect(run(first, "inline.js")).toMatchObject({ output: undefined, findings: [] });
    const again = run(first.replace("\n\n/**", `\n${keys}\n/**`), "inline.js").output!;
    expect(again.match(/function scanKeys\w*\(/g)).toHaveLength(1);
    expect(again.match(/scanKeys\(function/g)).toHaveLength(3);
  });

  it("reports legacy send_command with an argument array", () => {
    const { output, findings } = run(`var c = require("redis").createClient();\nc.send_command("keys", ["a:*"], function (err, keys) {});\n`, "legacy/inline.js");
    expect(output).toBeUndefined();
    expect(findings.map((f) => f.message)).toEqual(["KEYS with an unexpected argument list — not rewritten"]);
  });
});

describe("codeStyle", () => {
  it("reads quotes, semicolons and indentation from the file", () => {
    expect(codeStyle(`const a = 'x'\nif (a) {\n    go()\n}\n`, "a.js")).toEqual({ quote: "'", semi: "", indent: "    ", typescript: false });
    expect(codeStyle(`const a: string = "x";\nif (a) {\n\tgo();\n}\n`, "a.ts")).toEqual({ quote: '"', semi: ";", indent: "\t", typescript: true });
  });
});
