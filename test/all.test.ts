/**
 * The README's main job end to end: `all` over a copy of examples/legacy-shop writes outputs
 * that parse and type-check, a second run finds nothing left to do, and code without Redis is
 * never touched.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { jscodeshiftFor, parserForPath } from "../transforms/lib/parser.js";
import { git, REPO_ROOT, runCli } from "./support/project.js";

function copyOf(folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), "redis-codemods-all-"));
  cpSync(join(REPO_ROOT, folder), dir, { recursive: true });
  git(dir, "init", "-q");
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "before");
  return dir;
}

interface FileEntry {
  path: string;
  status: string;
  findings: Array<{ rule: string; fixed: boolean; message: string }>;
}

interface Report {
  files: FileEntry[];
  created: Array<{ path: string }>;
  migrationPlan: unknown[];
  summary: Record<string, number>;
}

describe("all on examples/legacy-shop", () => {
  let dir: string;
  let first: ReturnType<typeof runCli>;
  let report: Report;
  let written: string[];

  beforeAll(() => {
    dir = copyOf("examples/legacy-shop");
    first = runCli(["all", ".", "--format", "json"], dir);
    report = JSON.parse(first.stdout);
    written = report.files.filter((f) => f.status === "changed").map((f) => f.path);
  });

  it("rewrites without errors and creates the key and client modules", () => {
    expect(first.code).toBe(0);
    expect(report.summary.errors).toBe(0);
    expect(report.created.map((c) => c.path).sort()).toEqual(["src/redis/client.ts", "src/redis/key.ts"]);
    expect(report.migrationPlan.length).toBeGreaterThan(0);
  });

  it("touches no look-alike: src/lib/cache.js and the shared client module stay byte-identical and unreported", () => {
    for (const path of ["src/lib/cache.js", "src/redis.js"]) {
      const entry = report.files.find((f) => f.path === path)!;
      expect(entry.status).toBe("unchanged");
      expect(readFileSync(join(dir, path), "utf8")).toBe(readFileSync(join(REPO_ROOT, "examples/legacy-shop", path), "utf8"));
    }
    expect(report.files.find((f) => f.path === "src/lib/cache.js")!.findings).toEqual([]);
  });

  it("leaves no KEYS call and no per-request client behind", () => {
    for (const path of written) {
      const text = readFileSync(join(dir, path), "utf8");
      expect(text).not.toMatch(/\.keys\(\s*["'`]/);
      expect(text).not.toMatch(/keysAsync\(/);
    }
    expect(readFileSync(join(dir, "src/routes/cart.js"), "utf8")).not.toContain("new Redis(");
    expect(readFileSync(join(dir, "src/middleware/rateLimit.js"), "utf8")).not.toContain("new Redis(");
  });

  it("writes files that parse", () => {
    for (const path of [...written, ...report.created.map((c) => c.path)]) {
      const file = join(dir, path);
      expect(() => jscodeshiftFor(parserForPath(file))(readFileSync(file, "utf8")), path).not.toThrow();
    }
  });

  it("writes TypeScript that type-checks against the real typings", () => {
    const files = ["src/reports/daily.ts", "src/redis/client.ts", "src/redis/key.ts"].map((p) => join(dir, p));
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      types: ["node"],
      typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
      baseUrl: REPO_ROOT,
      // The example declares redis ^4 and ioredis ^5.
      paths: { redis: ["node_modules/redis4"], ioredis: ["node_modules/ioredis"] },
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(errors).toEqual([]);
  });

  it("has nothing left to change on a second run (idempotent), and a dry run prints no diff", () => {
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "after");
    const check = runCli(["all", ".", "--check", "--format", "json"], dir);
    expect(JSON.parse(check.stdout).files.filter((f: FileEntry) => f.status !== "unchanged").map((f: FileEntry) => f.path)).toEqual([]);
    expect(check.code).toBe(0);
    expect(runCli(["all", ".", "--dry"], dir).stdout).not.toMatch(/^\+\+\+ /m);
  });
});

describe("all on code that does not use Redis", () => {
  it("changes nothing and reports nothing in the look-alike corpus", () => {
    const dir = copyOf("test/fixtures/lookalikes");
    const r = runCli(["all", ".", "--format", "json"], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ changed: 0, errors: 0, findings: 0, created: 0 });
    expect(report.files.length).toBeGreaterThan(10);
  });
});

describe("inspect on examples/legacy-shop", () => {
  it("lists every client, the command calls with their keys, and no look-alike", () => {
    const r = runCli(["inspect", "examples/legacy-shop", "--format", "json"], REPO_ROOT);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { files: Array<{ path: string; clients: Array<{ name: string; flavour: string; major?: number }>; commands: Array<{ command: string; keys: string[] }>; possibleClients: unknown[] }> };
    const byPath = Object.fromEntries(result.files.map((f) => [f.path.replace("examples/legacy-shop/", ""), f]));
    expect(byPath["src/lib/cache.js"]).toBeUndefined();
    expect(byPath["src/routes/cart.js"].clients.map((c) => c.name)).toEqual(["r", "r", "r", "r"]);
    expect(byPath["src/reports/daily.ts"].clients.map((c) => `${c.flavour}@${c.major}`)).toEqual(["node-redis@4", "node-redis@4"]);
    expect(byPath["legacy-worker/index.js"].clients.map((c) => c.flavour)).toEqual(["node-redis-legacy"]);
    for (const file of ["src/routes/admin.js", "src/services/session.js", "src/services/catalog.js", "src/jobs/cleanup.js"]) {
      expect(byPath[file].clients[0].flavour, file).toBe("ioredis");
    }
    const mset = byPath["src/services/session.js"].commands.find((c) => c.command === "MSET")!;
    expect(mset.keys).toEqual(["`prefs:${userId}:locale`", "`prefs:${userId}:currency`", "`prefs:${userId}:theme`"]);
    expect(result.files.flatMap((f) => f.possibleClients)).toEqual([]);
  });
});

describe("all in shards", () => {
  it("three --shard runs merged give the report of one run, generated modules included", () => {
    const dir = copyOf("examples/legacy-shop");
    const whole = JSON.parse(runCli(["all", ".", "--dry", "--format", "json"], dir).stdout);
    const shards = [1, 2, 3].map((i) => {
      const r = runCli(["all", ".", "--dry", "--format", "json", "--shard", `${i}/3`], dir);
      expect(r.code).toBe(0);
      writeFileSync(join(dir, `shard${i}.json`), r.stdout);
      return `shard${i}.json`;
    });
    const merged = JSON.parse(runCli(["merge-reports", ...shards], dir).stdout);
    merged.summary.durationMs = whole.summary.durationMs = 0;
    expect(merged.created.map((c: { path: string }) => c.path)).toEqual(["src/redis/client.ts", "src/redis/key.ts"]);
    expect(merged).toEqual(whole);
  });
});
