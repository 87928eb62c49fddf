/**
 * require-ttl: the fixtures are the spec (every library shape, reported cases, look-alikes);
 * the inline cases cover options and edges that need no fixture file of their own.
 */
import { join } from "node:path";
import * as transformModule from "../require-ttl.js";
import type { TransformModule } from "../registry.js";
import { applyTransform, defineFixtureTests, FIXTURES_ROOT } from "./harness.js";

const transform = transformModule as unknown as TransformModule;
const dir = join(FIXTURES_ROOT, "require-ttl");
const ioredisFile = join(dir, "inline.ts");
const header = `import { Redis } from "ioredis";\nconst redis = new Redis();\n`;

defineFixtureTests(transform);

describe("require-ttl inline cases", () => {
  it("leaves a file without Redis alone, however many .set calls it has", () => {
    const source = `const m = new Map();\nm.set("a", 1);\nexport const headers = new Headers();\nheaders.set("a", "b");\n`;
    expect(applyTransform(transform, ioredisFile, source)).toMatchObject({ output: undefined, findings: [] });
  });

  it("returns nothing when every write already expires", () => {
    const source = `${header}export const f = () => redis.set("a", "1", "EX", 5);\n`;
    expect(applyTransform(transform, ioredisFile, source).output).toBeUndefined();
  });

  it("--ttl (defaultTtlSeconds) sets the TTL given", () => {
    const source = `${header}export const f = () => redis.set("a", "1");\n`;
    const { output } = applyTransform(transform, ioredisFile, source, { config: { defaultTtlSeconds: 120 } });
    expect(output).toContain(`redis.set("a", "1", "EX", 120)`);
  });

  it("lockTtlSeconds and ttlByPattern come from the config", () => {
    const source = `${header}export const f = async () => {\n  await redis.set("lock:a", "1", "NX");\n  await redis.set("hot:a", "1");\n};\n`;
    const { output } = applyTransform(transform, ioredisFile, source, { config: { lockTtlSeconds: 7, ttlByPattern: { "hot:*": 45 } } });
    expect(output).toContain(`redis.set("lock:a", "1", "EX", 7, "NX")`);
    expect(output).toContain(`redis.set("hot:a", "1", "EX", 45)`);
  });

  it("a persistentKeys glob keeps its keys without expiry", () => {
    const source = `${header}export const f = (id: string) => redis.set(\`static:\${id}\`, "1");\n`;
    expect(applyTransform(transform, ioredisFile, source, { config: { persistentKeys: ["static:*"] } })).toMatchObject({ output: undefined, findings: [] });
  });

  it("--mark leaves one marker line per reported statement, once", () => {
    const source = `${header}export async function f(k: string, v: string, ttl?: number) {\n  if (ttl) await redis.set(k, v, "EX", ttl);\n  else await redis.set(k, v);\n  return redis.setnx(k, v);\n}\n`;
    const first = applyTransform(transform, ioredisFile, source, { mark: true });
    expect(first.output).toContain(`  else /* redis-codemods: SET of \`k\` is the deliberate no-expiry path`);
    expect(first.output).toContain(`  /* redis-codemods: SETNX of \`k\` not rewritten: its reply is used as a value`);
    expect(first.output!.match(/redis-codemods:/g)).toHaveLength(2);
    expect(applyTransform(transform, ioredisFile, first.output!, { mark: true }).output).toBeUndefined();
  });

  it("keeps CRLF line endings of the lines it touches", () => {
    const source = `${header}export async function f() {\n  await redis.mset("a", "1", "b", "2");\n}\n`.replace(/\n/g, "\r\n");
    const { output } = applyTransform(transform, ioredisFile, source);
    expect(output).toContain(`await redis.multi().mset("a", "1", "b", "2").expire("a", 3600).expire("b", 3600).exec();\r\n`);
  });

  it("edits tab-indented CRLF files at the right offsets (recast parses a tab-expanded copy)", () => {
    const body = `export async function f(k: string) {\n\tif (k) {\n\t\tawait redis.set(k, "1");\n\t\tconst ok = await redis.setnx(\`lock:\${k}\`, "1");\n\t\treturn ok === 1;\n\t}\n}\n`;
    const { output } = applyTransform(transform, ioredisFile, `${header}${body}`.replace(/\n/g, "\r\n"));
    const expected = body
      .replace(`redis.set(k, "1")`, `redis.set(k, "1", "EX", 3600)`)
      .replace(`redis.setnx(\`lock:\${k}\`, "1")`, `redis.set(\`lock:\${k}\`, "1", "EX", 30, "NX")`)
      .replace("ok === 1", `ok === "OK"`);
    expect(output).toBe(`${header}${expected}`.replace(/\n/g, "\r\n"));
  });

  it("merges a SET and its EXPIRE even when the EXPIRE is the last line of the file", () => {
    const source = `${header}redis.set("a", "1");\nredis.expire("a", 60);`;
    expect(applyTransform(transform, ioredisFile, source).output).toBe(`${header}redis.set("a", "1", "EX", 60);`);
  });

  it("mayApply skips files that name none of the commands it handles", () => {
    expect(transformModule.meta.mayApply!("export const x = 1;", ioredisFile, undefined as never)).toBe(false);
    expect(transformModule.meta.mayApply!("r.setnx(k, v)", ioredisFile, undefined as never)).toBe(true);
  });
});
