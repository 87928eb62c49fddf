/**
 * Starts a throwaway redis-server on a free loopback port for the whole test run.
 * Persistence is off. Without the binary, local runs skip real-Redis tests loudly;
 * with CI=true a missing binary fails the run instead of skipping.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    redisPort: number | null;
  }
}

let server: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function redisServerAvailable(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout?.trim() === "PONG";
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within 10s`);
}

export async function setup(project: TestProject): Promise<void> {
  if (!redisServerAvailable()) {
    if (process.env.CI) throw new Error("redis-server is not installed; CI requires it (see .ci/run)");
    console.warn("\n!!! redis-server not found: real-Redis behaviour tests are SKIPPED (install redis-server) !!!\n");
    project.provide("redisPort", null);
    return;
  }
  const port = await freePort();
  server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await waitForPong(port);
  project.provide("redisPort", port);
}

export async function teardown(): Promise<void> {
  server?.kill();
}
