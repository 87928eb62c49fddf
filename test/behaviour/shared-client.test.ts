/**
 * shared-client on a real Redis: a small Express app written the legacy way (a client per
 * request) is transformed, its generated client module written next to it, and both versions
 * serve the same requests over loopback. Same responses and keyspace; the transformed app holds
 * one connection where the original opened one per request.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Redis } from "ioredis";
import * as sharedClient from "../../transforms/shared-client.js";
import { applyTransform } from "../../transforms/__tests__/harness.js";
import type { ResolvedConfig } from "../../transforms/lib/config.js";
import type { TransformModule } from "../../transforms/registry.js";
import { describeRedis, redisUrl, snapshotKeyspace, workerDb } from "../support/redis.js";

const transform = sharedClient as unknown as TransformModule;
const REQUESTS = 200;
const CONCURRENCY = 10;

const IOREDIS_APP = `import express from "express";
import Redis from "ioredis";

const app = express();

// cart contents; one connection per request, closed when the response is out
app.get("/cart/:id", async (req, res, next) => {
  const redis = new Redis(process.env.REDIS_URL);
  try {
    const items = await redis.hgetall(\`cart:\${req.params.id}\`);
    res.json({ id: req.params.id, items });
  } catch (err) {
    next(err);
  } finally {
    await redis.quit();
  }
});

app.post("/cart/:id/items/:sku", async (req, res) => {
  const r = new Redis(process.env.REDIS_URL);
  const qty = await r.hincrby(\`cart:\${req.params.id}\`, req.params.sku, 1);
  await r.set(\`cart:\${req.params.id}:touched\`, String(qty));
  await r.quit();
  res.status(201).json({ qty });
});

export default app;
`;

const NODE_REDIS_CJS_APP = `"use strict";

const express = require("express");
const { createClient } = require("redis");

const app = express();

app.get("/views/:page", async (req, res) => {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on("error", (err) => console.error("redis error", err));
  await client.connect();
  try {
    const views = await client.incr(\`views:\${req.params.page}\`);
    res.json({ page: req.params.page, views });
  } finally {
    await client.quit();
  }
});

module.exports = app;
`;

// Written without semicolons: the close carries the `;` that keeps `[tags]` from indexing the line before.
const NO_SEMICOLONS_APP = `const express = require('express')
const Redis = require('ioredis')

const app = express()

app.post('/tags/:id/:tag', async (req, res) => {
  const client = new Redis(process.env.REDIS_URL)
  await client.sadd(\`tags:\${req.params.id}\`, req.params.tag)
  const tags = await client.smembers(\`tags:\${req.params.id}\`)
  await client.quit()
  ;[tags].forEach((list) => list.sort())
  res.status(201).json({ tags })
})

module.exports = app
`;

const created: string[] = [];

interface Project {
  dir: string;
  app: string;
  module: string;
}

/** Writes the legacy app as a project of its own, transforms it, and writes the output and the generated module. */
function transformedProject(source: string, ext: string, pkgType: string): { before: Project; after: Project; output: string; module: string } {
  const base = join(process.cwd(), "test", ".tmp", randomUUID());
  created.push(base);
  const make = (name: string): Project => {
    const dir = join(base, name);
    mkdirSync(join(dir, "redis"), { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: pkgType }));
    return { dir, app: join(dir, `app${ext}`), module: join(dir, "redis", `client${ext}`) };
  };
  const before = make("before");
  const after = make("after");
  writeFileSync(before.app, source);
  writeFileSync(after.app, source);
  const config = { root: after.dir, clientModule: `redis/client${ext}` } as Partial<ResolvedConfig>;
  const result = applyTransform(transform, after.app, source, { config });
  if (!result.output) throw new Error("the transform left the app unchanged");
  const module = sharedClient.meta.generateFile!(after.module, result.contributions.map((c) => c.data), undefined, config as ResolvedConfig);
  writeFileSync(after.app, result.output);
  writeFileSync(after.module, module);
  return { before, after, output: result.output, module };
}

async function listen(app: { listen(port: number, host: string): Server }): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Requests in batches; the requests of one batch touch different carts, so answers do not depend on timing. */
async function drive(base: string, requestAt: (i: number) => { method: string; path: string }): Promise<Array<[number, unknown]>> {
  const out: Array<[number, unknown]> = [];
  for (let i = 0; i < REQUESTS; i += CONCURRENCY) {
    const batch = Array.from({ length: CONCURRENCY }, (_, k) => requestAt(i + k));
    const answers = await Promise.all(batch.map(async ({ method, path }) => {
      const res = await fetch(base + path, { method });
      return [res.status, await res.json()] as [number, unknown];
    }));
    out.push(...answers);
  }
  return out;
}

async function connectionsReceived(admin: Redis): Promise<number> {
  return Number((await admin.info("stats")).match(/total_connections_received:(\d+)/)![1]);
}

/** Clients connected to this worker's database, the admin connection excluded. */
async function clientsOnDb(admin: Redis): Promise<number> {
  const me = await admin.client("ID");
  return String(await admin.client("LIST"))
    .split("\n")
    .filter((line) => line.includes(` db=${workerDb} `) && !line.startsWith(`id=${me} `)).length;
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const cartRequest = (i: number) => {
  const cart = `u${i % CONCURRENCY}`;
  return i % 3 === 2 ? { method: "GET", path: `/cart/${cart}` } : { method: "POST", path: `/cart/${cart}/items/sku${i % 7}` };
};

describeRedis("shared-client on a real Redis", () => {
  let admin: Redis;
  const previousUrl = process.env.REDIS_URL;

  beforeAll(() => {
    admin = new Redis(redisUrl());
    process.env.REDIS_URL = redisUrl();
  });

  afterAll(() => {
    admin.disconnect();
    if (previousUrl === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = previousUrl;
    for (const dir of created) rmSync(dir, { recursive: true, force: true });
  });

  it(`Express + ioredis (ESM): same ${REQUESTS} responses, one connection instead of one per request`, async () => {
    const { before, after, output, module } = transformedProject(IOREDIS_APP, ".mjs", "module");
    expect(output).toContain('import { redis } from "./redis/client.mjs";');
    expect(output).not.toMatch(/new Redis|quit\(\)/);
    expect(module).toContain("enableOfflineQueue: false");

    await admin.flushdb();
    const beforeApp = (await import(/* @vite-ignore */ pathToFileURL(before.app).href)).default;
    const first = await listen(beforeApp);
    const openedBefore = await connectionsReceived(admin);
    const beforeAnswers = await drive(first.base, cartRequest);
    const openedDuringBefore = (await connectionsReceived(admin)) - openedBefore;
    await close(first.server);
    const beforeKeys = await snapshotKeyspace(admin);
    await waitFor(async () => (await clientsOnDb(admin)) === 0, "the original app's connections to close");

    await admin.flushdb();
    const openedAfter = await connectionsReceived(admin);
    const shared = (await import(/* @vite-ignore */ pathToFileURL(after.module).href)).redis as Redis;
    // enableOfflineQueue is off: like a production deploy, traffic starts once the client is ready.
    await waitFor(async () => shared.status === "ready", "the shared client to connect");
    const afterApp = (await import(/* @vite-ignore */ pathToFileURL(after.app).href)).default;
    const second = await listen(afterApp);
    const afterAnswers = await drive(second.base, cartRequest);
    const openedDuringAfter = (await connectionsReceived(admin)) - openedAfter;
    const heldByAfter = await clientsOnDb(admin);
    await close(second.server);
    const afterKeys = await snapshotKeyspace(admin);
    await shared.quit();

    console.info(`shared-client behaviour: before opened ${openedDuringBefore} connections for ${REQUESTS} requests; after opened ${openedDuringAfter} and held ${heldByAfter}`);
    expect(afterAnswers).toEqual(beforeAnswers);
    expect(afterKeys).toEqual(beforeKeys);
    expect(openedDuringBefore).toBeGreaterThanOrEqual(REQUESTS);
    expect(heldByAfter).toBe(1);
    // Other test files share the server, so the server-wide counter is only bounded, not exact.
    expect(openedDuringAfter).toBeGreaterThanOrEqual(1);
    expect(openedDuringAfter).toBeLessThan(REQUESTS / 10);
  });

  it("Express + node-redis v5 (CommonJS): handlers await the module's connection promise", async () => {
    const { before, after, output, module } = transformedProject(NODE_REDIS_CJS_APP, ".cjs", "commonjs");
    expect(output).toContain('const { redis, redisReady } = require("./redis/client.cjs");');
    expect(output).toContain("await redisReady;");
    expect(module).toContain("const redisReady = redis.connect();");
    const requireCjs = createRequire(import.meta.url);
    const pageRequest = (i: number) => ({ method: "GET", path: `/views/p${i % CONCURRENCY}` });

    await admin.flushdb();
    const first = await listen(requireCjs(before.app));
    const openedBefore = await connectionsReceived(admin);
    const beforeAnswers = await drive(first.base, pageRequest);
    const openedDuringBefore = (await connectionsReceived(admin)) - openedBefore;
    await close(first.server);
    await waitFor(async () => (await clientsOnDb(admin)) === 0, "the original app's connections to close");

    await admin.flushdb();
    // No waiting here: the first requests await `redisReady` themselves.
    const second = await listen(requireCjs(after.app));
    const afterAnswers = await drive(second.base, pageRequest);
    const heldByAfter = await clientsOnDb(admin);
    await close(second.server);
    await requireCjs(after.module).redis.quit();

    expect(afterAnswers).toEqual(beforeAnswers);
    expect(openedDuringBefore).toBeGreaterThanOrEqual(REQUESTS);
    expect(heldByAfter).toBe(1);
  });

  it("a file written without semicolons: a `;[...]` line after a removed close keeps its meaning", async () => {
    const { before, after, output } = transformedProject(NO_SEMICOLONS_APP, ".cjs", "commonjs");
    expect(output).toContain("const tags = await redis.smembers(`tags:${req.params.id}`)\n  ;[tags].forEach(");
    expect(output).not.toMatch(/;$/m);
    const requireCjs = createRequire(import.meta.url);
    const tagRequest = (i: number) => ({ method: "POST", path: `/tags/t${i % CONCURRENCY}/g${i % 13}` });

    await admin.flushdb();
    const first = await listen(requireCjs(before.app));
    const beforeAnswers = await drive(first.base, tagRequest);
    await close(first.server);
    const beforeKeys = await snapshotKeyspace(admin);
    await waitFor(async () => (await clientsOnDb(admin)) === 0, "the original app's connections to close");

    await admin.flushdb();
    const shared = requireCjs(after.module).redis as Redis;
    await waitFor(async () => shared.status === "ready", "the shared client to connect");
    const second = await listen(requireCjs(after.app));
    const afterAnswers = await drive(second.base, tagRequest);
    await close(second.server);
    const afterKeys = await snapshotKeyspace(admin);
    await shared.quit();

    expect(beforeAnswers.every(([status]) => status === 201)).toBe(true);
    expect(afterAnswers).toEqual(beforeAnswers);
    expect(afterKeys).toEqual(beforeKeys);
  });
});
