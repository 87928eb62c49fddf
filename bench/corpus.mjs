/**
 * Deterministic benchmark corpus: a monorepo of N source files of which a chosen share use Redis
 * (ioredis and node-redis, in the shapes the transforms rewrite) and the rest are ordinary
 * application code (React components, Express routes, services, utilities, tests).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A small seeded PRNG (mulberry32): the same seed always gives the same corpus. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTITIES = ["user", "order", "cart", "product", "invoice", "session", "account", "report", "coupon", "review"];
const FILES_PER_PACKAGE = 250;

const plain = {
  component: (n, e) => ({
    ext: "tsx",
    text: `import { useEffect, useMemo, useState } from "react";

export interface ${cap(e)}Props {
  id: string;
  onSelect?: (id: string) => void;
}

const cache = new Map<string, string>();

export function ${cap(e)}Card${n}({ id, onSelect }: ${cap(e)}Props) {
  const [label, setLabel] = useState(cache.get(id) ?? "");
  const keys = useMemo(() => Object.keys({ id, label }), [id, label]);
  useEffect(() => {
    if (!label) {
      const next = \`${e} \${id}\`;
      cache.set(id, next);
      setLabel(next);
    }
  }, [id, label]);
  return (
    <div className="${e}-card" onClick={() => onSelect?.(id)}>
      <h3>{label}</h3>
      <ul>{keys.map((k) => <li key={k}>{k}</li>)}</ul>
    </div>
  );
}
`,
  }),
  route: (n, e) => ({
    ext: "js",
    text: `const express = require("express");
const router = express.Router();
const store = new Map();

router.get("/${e}s/:id", async (req, res) => {
  const item = store.get(req.params.id);
  res.set("Cache-Control", "no-store");
  if (!item) return res.status(404).json({ error: "not found" });
  res.json({ ...item, fields: Object.keys(item) });
});

router.post("/${e}s", async (req, res) => {
  const id = String(Date.now()) + "-${n}";
  store.set(id, { id, ...req.body });
  res.status(201).json({ id });
});

module.exports = router;
`,
  }),
  service: (n, e) => ({
    ext: "ts",
    text: `export interface ${cap(e)} {
  id: string;
  createdAt: Date;
  tags: string[];
}

export class ${cap(e)}Service${n} {
  private readonly items = new Map<string, ${cap(e)}>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  create(id: string, tags: string[] = []): ${cap(e)} {
    const item = { id, createdAt: this.clock(), tags };
    this.items.set(id, item);
    return item;
  }

  find(id: string): ${cap(e)} | undefined {
    return this.items.get(id);
  }

  keys(prefix: string): string[] {
    return [...this.items.keys()].filter((k) => k.startsWith(prefix));
  }

  remove(id: string): boolean {
    return this.items.delete(id);
  }
}
`,
  }),
  util: (n, e) => ({
    ext: "ts",
    text: `export function group${n}<T>(items: T[], by: (item: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of items) {
    const k = by(item);
    (out[k] ??= []).push(item);
  }
  return out;
}

export function ${e}Query${n}(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export const ${e}Headers${n} = (token: string) => {
  const headers = new Headers();
  headers.set("authorization", \`Bearer \${token}\`);
  return headers;
};
`,
  }),
  test: (n, e) => ({
    ext: "ts",
    dir: "__tests__",
    text: `import { describe, expect, it } from "vitest";

describe("${e} ${n}", () => {
  it("keeps insertion order", () => {
    const m = new Map<string, number>();
    m.set("a", 1);
    m.set("b", 2);
    expect([...m.keys()]).toEqual(["a", "b"]);
  });
});
`,
  }),
};

const redis = {
  ioredisJob: (n, e) => ({
    ext: "ts",
    text: `import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

export async function purge${cap(e)}s${n}(): Promise<number> {
  const keys = await redis.keys("${e}:*");
  if (keys.length) await redis.del(...keys);
  return keys.length;
}

export async function save${cap(e)}${n}(id: string, value: unknown): Promise<void> {
  await redis.set(\`${e}:\${id}\`, JSON.stringify(value));
}

export async function warm${n}(): Promise<void> {
  for (const k of await redis.keys("${e}:warm:*")) {
    await redis.get(k);
  }
}
`,
  }),
  nodeRedisHandler: (n, e) => ({
    ext: "ts",
    text: `import { createClient } from "redis";

export async function handler${n}(event: { id: string }) {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  try {
    const cached = await client.get(\`${e}:\${event.id}\`);
    if (cached) return JSON.parse(cached);
    const fresh = { id: event.id, at: Date.now() };
    await client.set(\`${e}:\${event.id}\`, JSON.stringify(fresh));
    return fresh;
  } finally {
    await client.quit();
  }
}
`,
  }),
  sharedUser: (n, e) => ({
    ext: "js",
    text: `const { redis } = require("../lib/redis");

async function remember${n}(id, value) {
  await redis.set("${e}:" + id, JSON.stringify(value));
  return redis.expire("${e}:" + id, 60);
}

async function count${n}() {
  return (await redis.keys("${e}:*")).length;
}

module.exports = { remember${n}, count${n} };
`,
  }),
};

/** Real monorepos are git work trees; tools list their files through git when they can. */
function commitAll(dir) {
  const env = { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" };
  for (const args of [["init", "-q"], ["add", "-A"], ["commit", "-qm", "corpus"]]) execFileSync("git", args, { cwd: dir, env, stdio: "ignore" });
}

/**
 * Ordinary helper functions appended to every file so sizes look like real code (roughly 60–250
 * lines a file) rather than 20-line stubs: parsing cost grows with size, reading barely does.
 */
function filler(random, n, entity) {
  const count = 2 + Math.floor(random() * 8);
  const parts = [];
  for (let i = 0; i < count; i++) {
    const name = `${entity}Helper${n}_${i}`;
    parts.push(`
export function ${name}(items: Array<{ id: string; score: number; tags?: string[] }>, limit = ${10 + i}) {
  const seen = new Set<string>();
  const out: Array<{ id: string; label: string }> = [];
  for (const item of items) {
    if (seen.has(item.id) || out.length >= limit) continue;
    seen.add(item.id);
    const label = item.tags?.length ? \`\${item.id} (\${item.tags.join(", ")})\` : item.id;
    out.push({ id: item.id, label: item.score > ${i} ? label.toUpperCase() : label });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label));
}
`);
  }
  return parts.join("");
}

/** JavaScript files get the same helpers without type annotations. */
function untyped(text) {
  return text
    .replace(/items: Array<\{ id: string; score: number; tags\?: string\[\] \}>/g, "items")
    .replace(/new Set<string>\(\)/g, "new Set()")
    .replace(/const out: Array<\{ id: string; label: string \}> = \[\];/g, "const out = [];")
    .replace(/^export function/gm, "function");
}

function cap(s) {
  return s[0].toUpperCase() + s.slice(1);
}

const SHARED_CLIENT = `const Redis = require("ioredis");

const redis = new Redis(process.env.REDIS_URL);

module.exports = { redis };
`;

/**
 * Writes the corpus to `dir` (replacing it) unless a corpus with the same parameters is there.
 * Returns the number of files written and how many use Redis.
 */
export function generateCorpus(dir, { files, redisRatio = 0.02, seed = 42 }) {
  const stamp = JSON.stringify({ files, redisRatio, seed, version: 4 });
  const stampFile = join(dir, ".corpus.json");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return JSON.parse(readFileSync(join(dir, ".corpus-stats.json"), "utf8"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = prng(seed);
  const plainKinds = Object.keys(plain);
  const redisKinds = Object.keys(redis);
  const redisEvery = redisRatio > 0 ? Math.round(1 / redisRatio) : Infinity;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-monorepo", private: true, workspaces: ["packages/*"] }, null, 2));
  writeFileSync(join(dir, ".gitignore"), "node_modules/\ndist/\n");
  let redisFiles = 0;
  const written = new Set();
  for (let i = 0; i < files; i++) {
    const pkg = `packages/pkg-${String(Math.floor(i / FILES_PER_PACKAGE)).padStart(3, "0")}`;
    if (i % FILES_PER_PACKAGE === 0) {
      mkdirSync(join(dir, pkg, "src", "lib"), { recursive: true });
      writeFileSync(join(dir, pkg, "package.json"), JSON.stringify({ name: `@bench/${pkg.split("/")[1]}`, dependencies: { ioredis: "^5.4.0", redis: "^4.6.0", react: "^18.0.0", express: "^4.18.0" } }, null, 2));
    }
    const entity = ENTITIES[Math.floor(random() * ENTITIES.length)];
    const useRedis = i % redisEvery === redisEvery - 1;
    const kind = useRedis ? redisKinds[Math.floor(random() * redisKinds.length)] : plainKinds[Math.floor(random() * plainKinds.length)];
    const file = (useRedis ? redis : plain)[kind](i, entity);
    const extra = filler(random, i, entity);
    file.text += file.ext === "js" ? untyped(extra) : extra;
    const sub = join(dir, pkg, "src", file.dir ?? (useRedis ? "jobs" : kind + "s"));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `${entity}-${kind}-${i}.${file.ext}`), file.text);
    written.add(join(sub, `${entity}-${kind}-${i}.${file.ext}`));
    if (useRedis) {
      redisFiles++;
      if (kind === "sharedUser") {
        writeFileSync(join(dir, pkg, "src", "lib", "redis.js"), SHARED_CLIENT);
        if (!written.has(join(dir, pkg, "src", "lib", "redis.js"))) redisFiles++;
        written.add(join(dir, pkg, "src", "lib", "redis.js"));
      }
    }
  }
  commitAll(dir);
  const stats = { files: written.size, redisFiles };
  writeFileSync(join(dir, ".corpus-stats.json"), JSON.stringify(stats));
  writeFileSync(stampFile, stamp);
  return stats;
}
