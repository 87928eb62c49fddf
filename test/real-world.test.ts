/**
 * End to end on a corpus of small, realistic projects (test/fixtures/real-world/<project>): each is
 * copied to a temporary git repository and run through `all` the way a user would — a dry run, a
 * `--check`, the real write, then `--check` and `--dry` again. Generic expectations hold for every
 * project (exit codes, nothing in error, outputs parse, type-check and are idempotent, dry runs
 * announce exactly what the real run writes, no KEYS left unreported, style kept); the
 * per-project blocks below are what a careful reviewer of that codebase would demand.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import type { Finding, RuleId as Rule } from "../transforms/lib/context.js";
import { jscodeshiftFor, parserForPath } from "../transforms/lib/parser.js";
import { CLI, git, REPO_ROOT, runCli, type CliResult } from "./support/project.js";

const CORPUS = join(REPO_ROOT, "test", "fixtures", "real-world");
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const TEST_FILE = /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/;


interface FileEntry {
  path: string;
  status: "changed" | "unchanged" | "skipped" | "error";
  reason?: string;
  diff?: string;
  findings: Finding[];
}

interface Report {
  files: FileEntry[];
  created: Array<{ path: string; status: string; transform: string; diff?: string }>;
  migrationPlan: Array<{ file: string; line: number; oldPattern: string; newPattern: string }>;
  summary: { files: number; changed: number; unchanged: number; skipped: number; errors: number; created: number; findings: number };
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name === ".git") return [];
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [full.slice(base.length + 1)];
  });
}

/** Source files of a project (what the tool looks at), as project-relative paths. */
function sourcesOf(dir: string): string[] {
  return walk(dir).filter((f) => SOURCE.test(f) && !f.endsWith(".d.ts"));
}

function json(result: CliResult, what: string): Report {
  try {
    return JSON.parse(result.stdout) as Report;
  } catch {
    throw new Error(`${what}: no JSON report (exit ${result.code})\n${result.stderr}\n${result.stdout.slice(0, 2000)}`);
  }
}

/** One project of the corpus, run through the CLI once per describe block. */
class Project {
  dir = "";
  dry!: CliResult;
  dryReport!: Report;
  statusAfterDry = "";
  checkBefore!: CliResult;
  first!: CliResult;
  report!: Report;
  check!: CliResult;
  checkReport!: Report;
  third!: CliResult;

  constructor(readonly name: string) {}

  setUp(): void {
    this.dir = mkdtempSync(join(tmpdir(), `redis-codemods-rw-${this.name}-`));
    cpSync(join(CORPUS, this.name), this.dir, { recursive: true });
    git(this.dir, "init", "-q");
    git(this.dir, "add", ".");
    git(this.dir, "commit", "-qm", "before redis-codemods");

    this.dry = runCli(["all", ".", "--dry", "--format", "json"], this.dir);
    this.dryReport = json(this.dry, `${this.name}: all --dry`);
    this.statusAfterDry = git(this.dir, "status", "--porcelain");
    this.checkBefore = runCli(["all", ".", "--check"], this.dir);

    this.first = runCli(["all", ".", "--format", "json"], this.dir);
    this.report = json(this.first, `${this.name}: all`);

    this.check = runCli(["all", ".", "--check", "--format", "json"], this.dir);
    this.checkReport = json(this.check, `${this.name}: all --check`);
    this.third = runCli(["all", ".", "--dry"], this.dir);
  }

  /** The file as written in the corpus. */
  orig(file: string): string {
    return readFileSync(join(CORPUS, this.name, file), "utf8");
  }

  /** The file after the real run. */
  out(file: string): string {
    return readFileSync(join(this.dir, file), "utf8");
  }

  entry(file: string): FileEntry {
    const entry = this.report.files.find((f) => f.path === file);
    if (!entry) throw new Error(`${file} is not in the report of ${this.name}: ${this.report.files.map((f) => f.path).join(", ")}`);
    return entry;
  }

  changed(): string[] {
    return this.report.files.filter((f) => f.status === "changed").map((f) => f.path);
  }

  created(): string[] {
    return this.report.created.map((c) => c.path);
  }

  findings(file: string, rule?: Rule): Finding[] {
    return this.entry(file).findings.filter((f) => !rule || f.rule === rule);
  }

  /** 1-based line of the only line of the original file that contains `snippet`. */
  lineOf(file: string, snippet: string): number {
    const lines = this.orig(file).split("\n");
    const hits = lines.flatMap((text, i) => (text.includes(snippet) ? [i + 1] : []));
    if (hits.length !== 1) throw new Error(`${this.name}/${file}: ${hits.length} lines contain ${JSON.stringify(snippet)}`);
    return hits[0];
  }

  /** Findings whose range covers the original line holding `snippet`. */
  at(file: string, snippet: string, rule?: Rule): Finding[] {
    const line = this.lineOf(file, snippet);
    return this.findings(file, rule).filter((f) => f.line <= line && line <= (f.endLine ?? f.line));
  }

  /** Findings at that line that say "needs review" (not fixed). */
  open(file: string, snippet: string, rule?: Rule): Finding[] {
    return this.at(file, snippet, rule).filter((f) => !f.fixed);
  }

  /** The file is reported unchanged and is byte-identical to the corpus. */
  expectUntouched(file: string): void {
    expect(this.entry(file).status, `${file} status`).toBe("unchanged");
    expect(this.out(file), `${file} is byte-identical`).toBe(this.orig(file));
  }
}

function project(name: string): Project {
  const p = new Project(name);
  beforeAll(() => p.setUp(), 180_000);
  return p;
}

/** Type errors of the .ts/.tsx files of `dir` (declarations included), against the installed typings. */
function typeErrors(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const deps = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies } as Record<string, string>;
  const redisMajor = deps.redis ? Number(deps.redis.match(/\d+/)?.[0]) : 5;
  const tsconfigPath = join(dir, "tsconfig.json");
  const declared = existsSync(tsconfigPath) ? (JSON.parse(readFileSync(tsconfigPath, "utf8")).compilerOptions ?? {}) : {};
  const moduleKind = String(declared.module ?? "esnext").toLowerCase();
  const moduleOptions =
    moduleKind === "nodenext" || moduleKind === "node16"
      ? { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
      : moduleKind === "commonjs"
        ? { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }
        : { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const files = walk(dir)
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))
    .map((f) => join(dir, f));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    ...moduleOptions,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    experimentalDecorators: true,
    jsx: ts.JsxEmit.Preserve,
    types: ["node"],
    typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
    baseUrl: REPO_ROOT,
    paths: {
      // the corpus declares ioredis ^5, redis ^4 or ^5; point each at the installed typings
      ioredis: ["node_modules/ioredis5/built/index.d.ts"],
      redis: [redisMajor === 4 ? "node_modules/redis4/dist/index.d.ts" : "node_modules/redis/dist/index.d.ts"],
      express: ["node_modules/@types/express/index.d.ts"],
      "@/*": [`${dir}/*`],
    },
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || d.file.fileName.startsWith(dir))
    .map((d) => {
      const where = d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

/** `.keys(<something>)` calls — Redis KEYS shaped; `Object.keys(x)` and `map.keys()` are not. */
const KEYS_CALL = /(?<!\bObject)\.keys\(\s*[^)\s]/g;

const PROJECTS = readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory()).sort();
/** Projects whose TypeScript is type-checked before and after (ioredis, or node-redis v5). */
const TYPED = new Set([
  "storefront-express-ioredis",
  "next-blog-node-redis",
  "nest-catalog-ioredis",
  "quotes-lambda-cluster",
  "chat-pubsub-ioredis",
  "ratelimit-lib-ioredis",
]);
const NO_REDIS = new Set(["admin-dashboard-no-redis"]);

/** What holds for every project of the corpus. */
function genericExpectations(p: Project): void {
  it("a dry run writes nothing and announces exactly what the real run then writes", () => {
    expect(p.dry.code).toBe(0);
    expect(p.statusAfterDry).toBe("");
    const announced = p.dryReport.files.filter((f) => f.status === "changed").map((f) => [f.path, f.diff]);
    const written = p.report.files.filter((f) => f.status === "changed").map((f) => [f.path, f.diff]);
    expect(announced).toEqual(written);
    expect(p.dryReport.created.map((c) => c.path).sort()).toEqual(p.created().sort());
  });

  it("--check on the untouched project exits 1 exactly when something would change", () => {
    const wouldChange = p.report.summary.changed > 0 || p.report.created.length > 0;
    expect(p.checkBefore.code).toBe(wouldChange ? 1 : 0);
  });

  it("the real run exits 0, with no file in error and none skipped", () => {
    expect(p.first.code, p.first.stderr).toBe(0);
    expect(p.report.files.filter((f) => f.status === "error" || f.status === "skipped").map((f) => `${f.path}: ${f.reason}`)).toEqual([]);
    expect(p.report.summary.errors).toBe(0);
    // every source file of the project was looked at
    expect(p.report.files.map((f) => f.path).sort()).toEqual(sourcesOf(join(CORPUS, p.name)).sort());
  });

  it("every written file parses", () => {
    for (const file of [...p.changed(), ...p.created()]) {
      const path = join(p.dir, file);
      expect(existsSync(path), file).toBe(true);
      expect(() => jscodeshiftFor(parserForPath(path))(readFileSync(path, "utf8")), file).not.toThrow();
    }
  });

  it("leaves nothing to change: a second --check exits 0 and a third --dry prints no diff", () => {
    expect(p.checkReport.files.filter((f) => f.status !== "unchanged").map((f) => `${f.path}\n${f.diff ?? f.reason ?? ""}`)).toEqual([]);
    expect(p.checkReport.created.map((c) => c.path)).toEqual([]);
    expect(p.check.code).toBe(0);
    expect(p.third.code).toBe(0);
    expect(p.third.stdout).not.toMatch(/^(\+\+\+|---) /m);
  });

  it("every KEYS call left in the code is reported (test files excepted)", () => {
    if (NO_REDIS.has(p.name)) return; // a Redis-free project's keys() are not KEYS
    for (const file of sourcesOf(p.dir).filter((f) => !TEST_FILE.test(f) && !p.created().includes(f))) {
      const left = (p.out(file).match(KEYS_CALL) ?? []).length;
      if (!left) continue;
      const reported = p.findings(file, "R3").filter((f) => !f.fixed).length;
      expect(reported, `${file}: ${left} KEYS call(s) left, ${reported} reported`).toBeGreaterThanOrEqual(left);
    }
  });

  it("a file written without semicolons gets none", () => {
    const added: string[] = [];
    for (const file of p.changed()) {
      const before = p.orig(file).split("\n");
      if (before.some((line) => /;\s*$/.test(line))) continue;
      p.out(file)
        .split("\n")
        .forEach((line, i) => {
          if (/;\s*$/.test(line) && !/^\s*for \(/.test(line)) added.push(`${file}:${i + 1}: ${line}`);
        });
    }
    expect(added).toEqual([]);
  });

  it("every migration-plan entry points at a line that was rewritten", () => {
    for (const entry of p.report.migrationPlan) {
      expect(p.changed(), `${entry.file}:${entry.line} ${entry.oldPattern}`).toContain(entry.file);
    }
  });

  if (TYPED.has(p.name)) {
    it("the corpus itself type-checks (sanity of the fixture)", () => {
      expect(typeErrors(join(CORPUS, p.name))).toEqual([]);
    });

    it("the written TypeScript (generated modules included) type-checks against the real typings", () => {
      expect(typeErrors(p.dir)).toEqual([]);
    });
  }

  if (NO_REDIS.has(p.name)) {
    it("a project without Redis is byte-identical, without findings and without generated modules", () => {
      for (const file of sourcesOf(p.dir)) p.expectUntouched(file);
      expect(p.report.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.rule} ${x.message}`))).toEqual([]);
      expect(p.created()).toEqual([]);
      expect(p.report.summary.changed).toBe(0);
    });
  }
}

const SPECIFIC: Record<string, (p: Project) => void> = {
  "storefront-express-ioredis": (p) => {
    it("leaves the app wiring and the module-level client alone", () => {
      p.expectUntouched("src/server.ts");
      p.expectUntouched("src/lib/redis.ts");
    });

    it("keeps every Express/Map look-alike in Redis files verbatim", () => {
      const products = p.out("src/routes/products.ts");
      for (const text of ['res.set("X-Cache", "memory");', "hot.set(id, product);", 'res.set("Cache-Control", "public, max-age=60");', "Object.keys(req.query)"]) {
        expect(products).toContain(text);
      }
      const settings = p.out("src/services/settings.ts");
      expect(settings).toContain("for (const [page, n] of counts) redis.set(page, (redis.get(page) ?? 0) + n);");
      expect(settings).toContain("return [...redis.keys()];");
      // `redis` there is a parameter typed Map<string, number>: provably not a client
      const noise = [...p.at("src/services/settings.ts", "redis.set(page, "), ...p.at("src/services/settings.ts", "return [...redis.keys()];")];
      expect(noise.map((f) => `src/services/settings.ts:${f.line} ${f.rule} ${f.message}`)).toEqual([]);
    });

    it("moves the per-request clients of the cart routes to the shared module, closes included", () => {
      const cart = p.out("src/routes/cart.ts");
      expect(cart).not.toContain("new Redis(");
      expect(cart).not.toMatch(/\.(quit|disconnect)\(/);
      expect(cart).toMatch(/from "\.\.\/redis\/client\.js"/);
      expect(p.created()).toContain("src/redis/client.ts");
    });

    it("gives TTLs in the ioredis shape: MULTI set, SETNX lock, the wrapped SET helper", () => {
      const inventory = p.out("src/services/inventory.ts");
      expect(inventory).toMatch(/\.set\([^\n]*reservation[^\n]*String\(qty\), "EX", 3600\)/);
      expect(inventory).not.toContain("setnx(");
      expect(inventory).toMatch(/String\(process\.pid\), "EX", 30, "NX"\)/);
      expect(inventory).toContain('return acquired === "OK";');
      expect(p.open("src/services/inventory.ts", ".decrby(", "R2").length).toBeGreaterThan(0);
      expect(p.out("src/lib/cache.ts")).toContain('return redis.set(cacheKey, payload, "EX", 3600);');
    });

    it("keeps the deliberate no-expiry branch of remember() and reports it", () => {
      expect(p.out("src/lib/cache.ts")).toContain("    await redis.set(cacheKey, JSON.stringify(value));\n");
      expect(p.open("src/lib/cache.ts", "await redis.set(cacheKey, JSON.stringify(value));", "R2").length).toBeGreaterThan(0);
    });

    it("honours persistentKeys and ttlByPattern from the project config", () => {
      const settings = p.out("src/services/settings.ts");
      const configWrite = settings.split("\n").find((l) => l.includes("redis.set(") && l.includes("maintenance"));
      expect(configWrite).toBeDefined();
      expect(configWrite).not.toContain("EX");
      expect(p.at("src/services/settings.ts", 'await redis.set("config:maintenance", mode);', "R2")).toEqual([]);
      expect(settings).toMatch(/JSON\.stringify\(data\), "EX", 86400\)/);
    });

    it("replaces KEYS in the admin endpoints and reports the code that parses the keys it reads back", () => {
      expect(p.out("src/admin/maintenance.ts")).not.toContain("redis.keys(");
      expect(p.open("src/admin/maintenance.ts", 'k.split(":")[1]', "R1").length).toBeGreaterThan(0);
    });

    it("keeps the flush pattern and the product cache keys it must find in the same namespace", () => {
      // remember(`product:${id}`) in routes/products.ts writes what POST /admin/cache/flush deletes.
      const flushNamespaced = p.out("src/admin/maintenance.ts").includes('keyPattern("product"');
      if (flushNamespaced) {
        const writerNamespaced = p.out("src/routes/products.ts").includes('key("product"');
        const writerReported = p.open("src/routes/products.ts", "remember(`product:${id}`", "R1").length > 0;
        expect(writerNamespaced || writerReported, "flush scans namespaced keys, the cache still writes product:<id> unreported").toBe(true);
      }
    });
  },

  "next-blog-node-redis": (p) => {
    it("leaves the page, the API list route, the config and the hot-reload-safe factory alone", () => {
      p.expectUntouched("app/about/page.tsx");
      expect(p.findings("app/about/page.tsx")).toEqual([]);
      p.expectUntouched("pages/api/posts/index.ts");
      p.expectUntouched("lib/config.ts");
      p.expectUntouched("lib/redis.ts");
    });

    it("moves the per-request client of the pages API route to the shared module", () => {
      const route = p.out("pages/api/views/[slug].ts");
      expect(route).not.toContain("createClient(");
      expect(route).not.toMatch(/\.(quit|disconnect|connect)\(\)/);
      expect(route).toContain("res.setHeader('Cache-Control', 'no-store')");
    });

    it("app router (v5): a moved client loses its close()/destroy(), and the v5 `expiration` option is already a TTL", () => {
      const route = p.out("app/api/visits/route.ts");
      if (!route.includes("createClient(")) {
        expect(route).not.toMatch(/\.(close|destroy|quit|disconnect)\(\)/);
      }
      expect(route).toContain("{ expiration: { type: 'EX', value: 86_400 } })");
      expect(route).not.toMatch(/EX: 3600/);
    });

    it("never adds a TTL over options built elsewhere (imported constant, computed per call)", () => {
      const posts = p.out("lib/posts.ts");
      expect(posts).toContain("JSON.stringify(post), POST_CACHE)");
      expect(posts).toContain("JSON.stringify(slugs), listCacheOptions(preview))");
      expect(posts.split("\n").filter((l) => l.includes("POST_CACHE)") || l.includes("listCacheOptions(preview))")).join("\n")).not.toMatch(/EX/);
    });

    it("every KEYS and bare SET through getRedis() is fixed or reported", () => {
      const posts = p.out("lib/posts.ts");
      if (posts.includes("redis.keys(")) expect(p.open("lib/posts.ts", "redis.keys('post:*')", "R3").length).toBeGreaterThan(0);
      if (!/featured-post'?\)?, slug, \{ EX/.test(posts)) expect(p.open("lib/posts.ts", "redis.set('featured-post', slug)", "R2").length).toBeGreaterThan(0);
      if (posts.includes("keyPattern('post'")) expect(p.open("lib/posts.ts", "k.slice('post:'.length)", "R1").length).toBeGreaterThan(0);
    });

    it("the search route's MATCH pattern is namespaced like the post keys, or reported", () => {
      const route = p.out("app/api/search/route.ts");
      expect(route).toContain("next.searchParams.set('page', '2')");
      expect(route).toContain("headers.set('x-search-next', next.toString())");
      const postsNamespaced = p.out("lib/posts.ts").includes("key('post'");
      const patternNamespaced = route.includes("keyPattern('post'");
      if (postsNamespaced !== patternNamespaced) {
        expect(p.open("app/api/search/route.ts", "MATCH: 'post:*'", "R1").length).toBeGreaterThan(0);
      }
      if (!patternNamespaced) {
        // the pattern is a flat key pattern on a receiver that looks like a client: R1 wants it fixed or reported
        expect(p.open("app/api/search/route.ts", "MATCH: 'post:*'", "R1").length).toBeGreaterThan(0);
      }
    });
  },

  "legacy-jobs-redis3": (p) => {
    it("leaves the server, the module-level client and the pub/sub module alone", () => {
      p.expectUntouched("server.js");
      p.expectUntouched("lib/redis.js");
      p.expectUntouched("lib/events.js");
    });

    it("does not advise merging dedicated connections (subscriber, BLPOP) into the shared client", () => {
      const merge = (f: Finding) => f.rule === "R4" && /merge/i.test(f.message);
      const advice = [
        ...p.at("lib/events.js", "var subscriber = redis.createClient(").filter(merge).map((f) => `lib/events.js:${f.line} ${f.message}`),
        ...p.at("bin/worker.js", "var blocking = redis.createClient(").filter(merge).map((f) => `bin/worker.js:${f.line} ${f.message}`),
      ];
      expect(advice).toEqual([]);
      expect(p.out("bin/worker.js")).toContain("var blocking = redis.createClient(process.env.REDIS_URL);");
    });

    it("leaves KEYS in test helpers alone (tests are skipped by default)", () => {
      const helpers = p.out("test/helpers.js");
      expect(helpers).toContain("client.keys(");
      expect(helpers).not.toContain("scan(");
    });

    it("moves the per-request client out of POST /jobs and removes its quit() from the reply callback", () => {
      const jobs = p.out("routes/jobs.js");
      expect(jobs).not.toContain("createClient(");
      expect(jobs).not.toContain(".quit()");
      expect(jobs).not.toContain("client.keys(");
      expect(jobs).toContain("res.set('Cache-Control', 'no-cache');");
    });

    it("gives bare SETs a TTL in the v2/v3 callback shape, MULTI included, and reports key-creating commands", () => {
      const store = p.out("lib/store.js");
      expect(store).not.toContain("client.keys(");
      expect(store).toMatch(/JSON\.stringify\(result\), 'EX', 3600, cb\);/);
      expect(store).toMatch(/\.set\([^\n]*last-job[^\n]*jobId, 'EX', 3600\)/);
      expect(p.open("lib/store.js", ".incr('stats:runs')", "R2").length).toBeGreaterThan(0);
      expect(p.open("lib/store.js", ".lpush('stats:recent', jobId)", "R2").length).toBeGreaterThan(0);
    });

    it("rewrites the SETNX lock with its reply check, or reports it", () => {
      const lock = p.out("lib/lock.js");
      if (lock.includes("setnx(")) {
        expect(p.open("lib/lock.js", "client.setnx(", "R2").length).toBeGreaterThan(0);
      } else {
        expect(lock).toMatch(/'EX', \d+, 'NX', function \(err, ok\)/);
        expect(lock).toContain("if (ok !== 'OK') return cb(null, false);");
      }
    });

    it("does not ask to namespace keys that come straight from a SCAN walk", () => {
      const noise = [
        ...p.open("lib/store.js", "client.mget(keys, function", "R1").map((f) => `lib/store.js:${f.line} ${f.message}`),
        ...p.open("routes/jobs.js", "client.del(keys, function", "R1").map((f) => `routes/jobs.js:${f.line} ${f.message}`),
      ];
      expect(noise).toEqual([]);
    });
  },

  "nest-catalog-ioredis": (p) => {
    it("leaves the repository (own keys()/set()), the modules and the DI factory alone", () => {
      for (const file of ["src/catalog/product.repository.ts", "src/catalog/catalog.module.ts", "src/redis/redis.constants.ts"]) {
        p.expectUntouched(file);
        expect(p.findings(file)).toEqual([]);
      }
      p.expectUntouched("src/redis/redis.module.ts");
    });

    it("keeps the repository calls in the service and replaces the KEYS of invalidateAll()", () => {
      const service = p.out("src/catalog/catalog.service.ts");
      expect(service).toContain("items.forEach((p) => this.products.set(p.id, p));");
      expect(service).toContain("return this.products.keys().length;");
      expect(service).not.toContain("this.redis.keys(");
      expect(p.open("src/catalog/catalog.service.ts", "zincrby(", "R2").length).toBeGreaterThan(0);
    });

    it("moves the health-check probe (a controller method runs per request) to the shared client", () => {
      const controller = p.out("src/catalog/catalog.controller.ts");
      expect(controller).not.toContain("new Redis(");
      expect(controller).not.toMatch(/probe\.(connect|quit)\(\)/);
      // `return { redis: pong }` is a property name, not a binding: no reason to alias the import
      expect(controller).not.toMatch(/\bredis as redis\d/);
    });

    it("reports the untyped injected session store and does not touch it", () => {
      p.expectUntouched("src/sessions/session.service.ts");
      expect(p.open("src/sessions/session.service.ts", "await this.redisClient.set(", "R2").length).toBeGreaterThan(0);
    });
  },

  "queue-workers-bullmq": (p) => {
    it("leaves the Bull/BullMQ queue code untouched and unreported", () => {
      for (const file of ["src/queues.js", "src/jobs/legacy-video.js", "src/index.js", "src/connection.js"]) {
        p.expectUntouched(file);
        expect(p.findings(file)).toEqual([]);
      }
    });

    it("gives the worker's dedupe SET NX a TTL and keeps the BullMQ worker options", () => {
      const worker = p.out("src/jobs/send-email.js");
      expect(worker).toMatch(/'1', 'EX', \d+, 'NX'\)/);
      expect(worker).toContain("{ connection, concurrency: 5 },");
      expect(p.open("src/jobs/send-email.js", "hincrby(", "R2").length).toBeGreaterThan(0);
    });

    it("scans Bull's keys without renaming them", () => {
      const stats = p.out("src/admin/queue-stats.js");
      expect(stats).not.toContain("connection.keys(");
      expect(stats).toContain("'bull:email:*'");
      expect(p.open("src/admin/queue-stats.js", "'bull:email:*'", "R1").length).toBeGreaterThan(0);
      expect(stats).toMatch(/new Date\(\)\.toISOString\(\), 'EX', 3600\)/);
    });
  },

  "edge-gateway-koa-fastify": (p) => {
    it("leaves the entry point, the fastify plugin (a factory) and the keyPrefix session store alone", () => {
      p.expectUntouched("src/index.js");
      p.expectUntouched("src/fastify/redis-plugin.js");
      p.expectUntouched("src/koa/session-store.js");
    });

    it("reports, never rewrites, commands on the decorated fastify.redis", () => {
      p.expectUntouched("src/fastify/routes.js");
      expect(p.open("src/fastify/routes.js", "await fastify.redis.set(", "R2").length).toBeGreaterThan(0);
      expect(p.open("src/fastify/routes.js", "fastify.redis.keys(", "R3").length).toBeGreaterThan(0);
    });

    it("moves the Koa route's client to the shared module and keeps ctx/session-store calls", () => {
      const app = p.out("src/koa/app.js");
      expect(app).not.toContain("new Redis(");
      expect(app).not.toContain("client.disconnect()");
      expect(app).toContain("if (sid) await sessionStore.set(sid, { touchedAt: Date.now() }, 3600 * 1000)");
      expect(app).toContain("ctx.set('Cache-Control', 'private')");
    });

    it("keeps the rate limiter's INCR + conditional EXPIRE idiom and its ctx.set headers", () => {
      const limiter = p.out("src/koa/rate-limit.js");
      expect(limiter).toContain("ctx.set('X-RateLimit-Limit', String(max))");
      expect(limiter).toContain("if (hits === 1) await redis.expire(bucket, windowSec)");
      expect(p.at("src/koa/rate-limit.js", "await redis.incr(bucket)", "R2")).toEqual([]);
    });

    it("keeps the CRLF line endings of a Windows-authored module, and gives its callback SET a TTL or reports it", () => {
      const text = p.out("src/koa/legacy-cache.js");
      expect(text).toContain("\r\n");
      expect(text.replace(/\r\n/g, "")).not.toContain("\n");
      const put = text.split("\r\n").find((l) => l.includes("client.set("));
      if (!/'EX', 3600, cb\)/.test(put ?? "")) {
        expect(p.open("src/koa/legacy-cache.js", "client.set('legacy:' + id, value, cb)", "R2").length).toBeGreaterThan(0);
      }
    });

    it("does not add EX after an expiry spread in from a helper", () => {
      const line = p.out("src/koa/flags.js").split("\n").find((l) => l.includes("...expiryArgs(ttl)"));
      expect(line?.trimEnd().endsWith("...expiryArgs(ttl))")).toBe(true);
    });

    it("keeps the glob a caller passes to listFlags(pattern) a glob, or reports it", () => {
      const flags = p.out("src/koa/flags.js");
      const escaped = /keyPattern\('flag', pattern\)/.test(flags);
      if (escaped) {
        const reported = p.open("src/koa/flags.js", "redis.keys('flag:' + pattern)").filter((f) => f.rule === "R1" || f.rule === "R3");
        expect(reported.length, "listFlags('checkout-*') now matches the literal text checkout-\\*").toBeGreaterThan(0);
      }
    });

    it("namespaces or reports the keys of a pipeline batch array", () => {
      const flags = p.out("src/koa/flags.js");
      for (const [literal, snippet] of [["'page:home'", "['set', 'page:home', pages.home]"], ["'page:pricing'", "['set', 'page:pricing'"]]) {
        if (flags.includes(literal)) {
          expect(p.open("src/koa/flags.js", snippet, "R1").length, `${literal} left flat and unreported`).toBeGreaterThan(0);
        }
      }
    });
  },

  "quotes-lambda-cluster": (p) => {
    it("leaves the quota handler alone", () => {
      p.expectUntouched("src/handlers/quota.ts");
    });

    it("moves the per-invocation cluster of the Lambda handler to the shared module", () => {
      const handler = p.out("src/handlers/getQuote.ts");
      expect(handler).not.toContain("new Redis.Cluster(");
      expect(handler).not.toContain(".quit()");
      expect(p.out("src/redis/client.ts")).toMatch(/Cluster/);
    });

    it("walks every master instead of KEYS on the cluster", () => {
      const purge = p.out("src/handlers/purge.ts");
      expect(purge).not.toContain("cluster.keys(");
      expect(purge).toContain('.nodes("master")');
    });

    it("reports KEYS inside Lua and leaves script arguments (ARGV) and scripts untouched", () => {
      const lib = p.out("src/lib/cluster.ts");
      expect(lib).toContain("await cluster.eval(PURGE_SYMBOL, 0, `quote:{${symbol}}:*`);");
      expect(lib).toContain(p.orig("src/lib/cluster.ts").split("export const cluster")[0].split('import { Cluster } from "ioredis";\n')[1]);
      expect(p.findings("src/lib/cluster.ts", "R3").filter((f) => !f.fixed && /Lua/i.test(f.message)).length).toBeGreaterThan(0);
    });

    it("does not namespace the keys of a keyPrefix client, nor its SCAN pattern, and reports it", () => {
      const exporter = p.out("src/handlers/export.ts");
      expect(exporter).toContain('audit.scanStream({ match: "audit:*", count: 250 })');
      expect(exporter).toContain('await audit.get(k.replace(/^audit:/, ""))');
      expect(exporter).not.toMatch(/\bkey(Pattern)?\(/);
      expect(p.findings("src/handlers/export.ts", "R1").some((f) => !f.fixed && /keyPrefix/.test(f.message))).toBe(true);
    });
  },

  "ratelimit-lib-ioredis": (p) => {
    it("leaves the JS adapter, the shim, the index and the limiter (prefix from options) alone", () => {
      for (const file of ["lib/express.js", "lib/index.js", "src/index.ts", "src/limiter.ts"]) p.expectUntouched(file);
      expect(p.out("src/limiter.ts")).toContain(".pexpire(bucket, this.opts.windowMs)");
    });

    it("keeps memo()'s no-expiry branch bare and reports it; clearMemos() no longer uses KEYS", () => {
      const memo = p.out("src/memo.ts");
      expect(memo).toContain("          : redis.set(cacheKey, JSON.stringify(value));\n");
      expect(p.open("src/memo.ts", ": redis.set(cacheKey, JSON.stringify(value));", "R2").length).toBeGreaterThan(0);
      expect(memo).not.toContain("redis.keys(");
    });
  },

  "sessions-express-redis4": (p) => {
    it("leaves the server (connect-redis store), the client module and the rate-limit-redis adapter alone", () => {
      p.expectUntouched("src/server.js");
      p.expectUntouched("src/lib/redisClient.js");
      p.expectUntouched("src/lib/limiter.js");
      expect(p.findings("src/lib/limiter.js")).toEqual([]);
    });

    it("never adds a TTL over SET options passed in by the caller, and reports it", () => {
      expect(p.out("src/lib/cache.js")).toContain("  await redisClient.set(cacheKey, JSON.stringify(value), options);\n");
      expect(p.open("src/lib/cache.js", "await redisClient.set(cacheKey, JSON.stringify(value), options);", "R2").length).toBeGreaterThan(0);
    });

    it("uses node-redis v4 shapes: { EX } options, setNX → SET NX EX with the reply check", () => {
      const profile = p.out("src/routes/profile.js");
      expect(profile).toMatch(/Date\.now\(\)\.toString\(\), \{ EX: 3600 \}\)/);
      expect(profile).not.toContain("setNX(");
      expect(profile).toMatch(/\{ NX: true, EX: 30 \}\)/);
      expect(profile).toContain("if (gotLock === null) return res.status(409)");
      expect(p.open("src/routes/profile.js", "redisClient.hSet(", "R2").length).toBeGreaterThan(0);
    });

    it("scans connect-redis sessions without renaming their prefix", () => {
      const admin = p.out("src/routes/admin.js");
      expect(admin).not.toContain("redisClient.keys(");
      expect(admin).toContain('"sess:*"');
      expect(p.open("src/routes/admin.js", 'redisClient.keys("sess:*")', "R1").length).toBeGreaterThan(0);
    });

    it("keeps DELETE /admin/cache and the badges cache it clears in the same namespace", () => {
      // cached(`badges:${userId}`) in routes/profile.js writes what DELETE /admin/cache deletes.
      const clearNamespaced = p.out("src/routes/admin.js").includes('keyPattern("badges"');
      if (clearNamespaced) {
        const writerNamespaced = p.out("src/routes/profile.js").includes('key("badges"');
        const writerReported = p.open("src/routes/profile.js", "cached(`badges:${userId}`", "R1").length > 0;
        expect(writerNamespaced || writerReported, "DELETE /admin/cache scans namespaced keys, the cache still writes badges:<id> unreported").toBe(true);
      }
    });

    it("gives the MULTI's SET a TTL and walks the subscribers set in pages or reports it", () => {
      const digest = p.out("src/jobs/digest.js");
      expect(digest).toMatch(/\.set\([^\n]*last-run[^\n]*String\(Date\.now\(\)\), \{ EX: 3600 \}\)/);
      expect(p.open("src/jobs/digest.js", '.incr("digest:runs")', "R2").length).toBeGreaterThan(0);
      if (digest.includes("sMembers(")) expect(p.open("src/jobs/digest.js", "sMembers(", "R3").length).toBeGreaterThan(0);
    });
  },

  "chat-pubsub-ioredis": (p) => {
    it("leaves the client module, the DI container and the injected-any moderation service alone", () => {
      p.expectUntouched("src/redis.ts");
      p.expectUntouched("src/index.ts");
      p.expectUntouched("src/services/moderation.ts");
      expect(p.open("src/services/moderation.ts", "await redis.set(`ban:${userId}`, reason);", "R2").length).toBeGreaterThan(0);
      expect(p.open("src/services/moderation.ts", 'return redis.keys("ban:*");', "R3").length).toBeGreaterThan(0);
    });

    it("never renames pub/sub channels", () => {
      const rooms = p.out("src/services/rooms.ts");
      expect(rooms).toContain('sub.subscribe("chat:messages")');
      expect(rooms).toContain('.publish("chat:messages", JSON.stringify({ room, text }))');
    });

    it("reports unbounded LRANGE and LPUSH without expiry; gives the MULTI's SET a TTL", () => {
      expect(p.open("src/services/rooms.ts", "pub.lrange(", "R3").length).toBeGreaterThan(0);
      expect(p.open("src/services/rooms.ts", ".lpush(", "R2").length).toBeGreaterThan(0);
      expect(p.out("src/services/rooms.ts")).toMatch(/tx\.set\([^\n]*renamed-from[^\n]*from, "EX", 3600\);/);
    });

    it("keeps the presence TTL, replaces KEYS and reports the split of the keys read back", () => {
      const presence = p.out("src/services/presence.ts");
      expect(presence).toMatch(/this\.redis\?\.set\([^\n]*"1", "EX", 30\);/);
      expect(presence).not.toContain("this.redis.keys(");
      expect(p.open("src/services/presence.ts", 'k.split(":")[1]', "R1").length).toBeGreaterThan(0);
    });

    it("keeps the BLPOP worker's dedicated connection and reports it", () => {
      expect(p.out("src/workers/outbound.ts")).toContain("const conn = new Redis(process.env.REDIS_URL!);");
      expect(p.open("src/workers/outbound.ts", "const conn = new Redis(", "R4").length).toBeGreaterThan(0);
    });
  },

  "blog-express-legacymode-redis4": (p) => {
    it("leaves the legacyMode client module alone", () => {
      p.expectUntouched("lib/redis.js");
    });

    it("speaks the v3 callback shape to a legacyMode client: no node-redis v4 option object before a callback", () => {
      const posts = p.out("routes/posts.js");
      const write = posts.split("\n").find((l) => l.includes("JSON.stringify(post)"));
      expect(write).not.toMatch(/\{ ?EX/);
      if (!/JSON\.stringify\(post\), 'EX', 3600, \(err\)/.test(write ?? "")) {
        expect(p.open("routes/posts.js", "JSON.stringify(post), (err) => {", "R2").length).toBeGreaterThan(0);
      }
    });

    it("KEYS with a callback on the legacyMode client is replaced or reported; connect-redis' sess: prefix is not renamed", () => {
      const app = p.out("app.js");
      expect(app).toContain("'sess:*'");
      if (app.includes("redisClient.keys(")) expect(p.open("app.js", "redisClient.keys('sess:*'", "R3").length).toBeGreaterThan(0);
      expect(app).toContain("app.set('view engine', 'ejs')");
    });

    it("commands through the promise API (`client.v4`) of a legacyMode client are fixed or reported", () => {
      const posts = p.out("routes/posts.js");
      const view = posts.split("\n").find((l) => l.includes("redisClient.v4.set("));
      if (!/\{ EX: 3600 \}\)/.test(view ?? "")) {
        expect(p.open("routes/posts.js", "redisClient.v4.set(", "R2").length, "bare SET through client.v4, neither fixed nor reported").toBeGreaterThan(0);
      }
      if (posts.includes("redisClient.v4.keys(")) {
        expect(p.open("routes/posts.js", "redisClient.v4.keys(", "R3").length, "KEYS through client.v4, neither fixed nor reported").toBeGreaterThan(0);
      }
    });
  },

  "admin-dashboard-no-redis": () => {
    // everything is in genericExpectations (NO_REDIS)
  },
};

describe("real-world corpus", () => {
  it("has a block of expectations for every project", () => {
    expect(PROJECTS.filter((name) => !SPECIFIC[name])).toEqual([]);
    expect(PROJECTS.length).toBeGreaterThanOrEqual(10);
  });
});

for (const name of PROJECTS) {
  describe(`real world: ${name}`, () => {
    const p = project(name);
    genericExpectations(p);
    SPECIFIC[name]?.(p);
  });
}

describe("the documented migration workflow", () => {
  it("`namespace-keys . --format json > report.json` on a clean tree writes the plan (docs/transforms/namespace-keys.md)", () => {
    const dir = mkdtempSync(join(tmpdir(), "redis-codemods-rw-plan-"));
    cpSync(join(CORPUS, "storefront-express-ioredis"), dir, { recursive: true });
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "before redis-codemods");
    // exactly what a user types: the shell creates report.json before the tool starts
    const run = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" namespace-keys . --format json > report.json`], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as Report;
    expect(report.migrationPlan.length).toBeGreaterThan(0);
  });
});
