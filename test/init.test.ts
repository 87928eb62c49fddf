/**
 * `redis-codemods init` and `redis-codemods rules`: detection on fixture repos for each
 * TS/JS × ESM/CJS × ioredis/node-redis combination, the config it writes (checked with
 * loadConfig), the rules section between markers (in place, CRLF, idempotent), refusals without
 * --force, the CI workflow, the prompts, and the demo app.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PassThrough } from "node:stream";
import { CONFIG_FILE, loadConfig } from "../transforms/lib/config.js";
import { transforms } from "../transforms/registry.js";
import { agentsFilesFor } from "../src/init/agents-files.js";
import { askConfig, streamPrompter } from "../src/init/prompts.js";
import { SECTION_END, SECTION_START, upsertSection } from "../src/init/rules-section.js";
import { RULES } from "../src/rules.js";
import { CLI, makeProject, REPO_ROOT, runCli } from "./support/project.js";

const FIXTURES = join(REPO_ROOT, "test", "fixtures", "init");
const WORKFLOW = ".github/workflows/redis-codemods.yml";
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** A temporary copy of a fixture repo (or of any folder). */
function copyOf(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "redis-codemods-init-"));
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** Every file under `dir` (path → bytes as text), to prove a run changed nothing. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, "latin1");
    }
  };
  walk(dir);
  return out;
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), "utf8");
}

interface Combination {
  fixture: string;
  library: string;
  language: string;
  modules: string;
  app: string;
  envVar: string;
  keyModule: string;
  clientModule: string;
  /** The file the rules section goes into. */
  agentsFile: string;
  /** Lines the section must contain, in the project's terms. */
  section: string[];
  /** Text it must not contain. */
  absent?: string[];
}

const MATRIX: Combination[] = [
  {
    fixture: "ts-esm-ioredis",
    library: "ioredis 5",
    language: "TypeScript",
    modules: "ESM",
    app: "billing-api",
    envVar: "APP_ENV",
    keyModule: "src/redis/key.ts",
    clientModule: "src/lib/redis.ts",
    agentsFile: "CLAUDE.md",
    section: [
      'import { key } from "./src/redis/key.js";',
      'import { redis } from "./src/lib/redis.js";',
      "`billing-api:<APP_ENV>:user:<id>:profile`",
      'redis.set(k, v, "EX", 3600)',
      "redis.scanStream({ match: pattern, count: 500 })",
      "`CACHE_URL`",
      '`keyPattern("session", glob("*"))`',
    ],
  },
  {
    fixture: "ts-esm-node-redis",
    library: "node-redis 5",
    language: "TypeScript",
    modules: "ESM",
    app: "storefront",
    envVar: "NODE_ENV",
    keyModule: "redis/key.ts",
    clientModule: "redis/client.ts",
    agentsFile: "CLAUDE.md",
    section: [
      'import { key } from "./redis/key";',
      "Keep the process-wide client in `redis/client.ts`",
      "client.set(k, v, { EX: 3600 })",
      "for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 }))",
      "`REDIS_URL`",
    ],
  },
  {
    fixture: "ts-cjs-ioredis",
    library: "ioredis 4",
    language: "TypeScript",
    modules: "CommonJS",
    app: "notifications",
    envVar: "NODE_ENV",
    keyModule: "src/keys.ts",
    clientModule: "src/redis.ts",
    agentsFile: "CLAUDE.md",
    section: ["`key(...parts: Array<string | number>)` from `src/keys.ts`;", 'import { key } from "./src/keys";', 'import redis from "./src/redis";', "redis.scanStream("],
    // The project's own helper has no keyPattern(), so the section does not promise one.
    absent: ["keyPattern", "created by `npx redis-codemods namespace-keys`"],
  },
  {
    fixture: "ts-cjs-node-redis",
    library: "node-redis 4",
    language: "TypeScript",
    modules: "CommonJS",
    app: "reports-service",
    envVar: "NODE_ENV",
    keyModule: "src/redis/key.ts",
    clientModule: "src/lib/redis-client.ts",
    agentsFile: "CLAUDE.md",
    section: ['import { key } from "./src/redis/key";', "for await (const key of client.scanIterator({ MATCH: pattern, COUNT: 500 }))", "`REPORTS_REDIS_URL`"],
  },
  {
    fixture: "js-esm-ioredis",
    library: "ioredis 5",
    language: "JavaScript",
    modules: "ESM",
    app: "chat",
    envVar: "STAGE",
    keyModule: "src/lib/redis-key.js",
    clientModule: "src/redis.js",
    agentsFile: "CLAUDE.md",
    section: ['import { key } from "./src/lib/redis-key.js";', 'import redis from "./src/redis.js";', "`chat:<STAGE>:user:<id>:profile`"],
  },
  {
    fixture: "js-esm-node-redis",
    library: "node-redis 5",
    language: "JavaScript",
    modules: "ESM",
    app: "edge-cache",
    envVar: "NODE_ENV",
    keyModule: "redis/key.js",
    clientModule: "redis/client.js",
    agentsFile: "CLAUDE.md",
    section: ['import { key } from "./redis/key.js";', "for await (const keys of client.scanIterator(", "`EDGE_REDIS_URL`"],
  },
  {
    fixture: "js-cjs-ioredis",
    library: "ioredis 5",
    language: "JavaScript",
    modules: "CommonJS",
    app: "legacy-api",
    envVar: "NODE_ENV",
    keyModule: "src/lib/redis-key.js",
    clientModule: "src/lib/redis-client.js",
    agentsFile: "AGENTS.md",
    section: ['const { key } = require("./src/lib/redis-key");', 'const redis = require("./src/redis");', "go to `src/lib/redis-client.js`"],
  },
  {
    fixture: "js-cjs-node-redis",
    library: "node-redis 3, legacy callbacks",
    language: "JavaScript",
    modules: "CommonJS",
    app: "mailer-worker",
    envVar: "NODE_ENV",
    keyModule: "redis/key.js",
    clientModule: "redis/client.js",
    agentsFile: "CLAUDE.md",
    section: ['const { key } = require("./redis/key");', 'client.set(k, v, "EX", 3600, callback)', 'client.scan(cursor, "MATCH", pattern, "COUNT", 500,', "`REDIS_HOST`, `REDIS_PORT`"],
  },
];

describe("init on each kind of project", () => {
  for (const c of MATRIX) {
    it(`${c.fixture}: detects, writes a valid config and the rules section, and a re-run changes nothing`, () => {
      const dir = copyOf(join(FIXTURES, c.fixture));
      const first = runCli(["init", "--yes"], dir);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`  client library      ${c.library}  (`);
      expect(first.stdout).toContain(`  language            ${c.language} (`);
      expect(first.stdout).toContain(`  module system       ${c.modules} (`);

      const config = loadConfig(dir);
      expect(config.source).toBe(join(dir, CONFIG_FILE));
      expect({ app: config.app, envVar: config.envVar, keyModule: config.keyModule, clientModule: config.clientModule, ttl: config.defaultTtlSeconds }).toEqual({
        app: c.app,
        envVar: c.envVar,
        keyModule: c.keyModule,
        clientModule: c.clientModule,
        ttl: 3600,
      });

      const section = read(dir, c.agentsFile);
      for (const line of c.section) expect(section).toContain(line);
      for (const text of c.absent ?? []) expect(section).not.toContain(text);
      if (c.agentsFile === "AGENTS.md") expect(existsSync(join(dir, "CLAUDE.md"))).toBe(false);

      const before = tree(dir);
      const second = runCli(["init", "--yes"], dir);
      expect(second.code).toBe(0);
      expect(tree(dir)).toEqual(before);
      expect(second.stdout).toMatch(new RegExp(`unchanged +${c.agentsFile}`));
      expect(second.stdout).toMatch(/unchanged +redis-codemods\.config\.json/);
    });
  }

  it("prints what it detected and did (--yes output)", () => {
    const dir = copyOf(join(FIXTURES, "ts-esm-ioredis"));
    const r = runCli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "Detected in .",
        "  client library      ioredis 5  (ioredis ^5.4.1 in package.json)",
        "  language            TypeScript (source files: 3 TypeScript, 0 JavaScript)",
        '  module system       ESM (package.json "type": "module")',
        "  module resolution   relative imports end in .js (tsconfig module NodeNext, moduleResolution NodeNext)",
        "  source root         src/",
        "  shared client       src/lib/redis.ts exports redis, imported by 1 file",
        "  key helper          none found",
        "  Redis URL env       CACHE_URL (src/lib/redis.ts:3)",
        "  environment name    APP_ENV (src/config.ts:1)",
        "",
        "Config (redis-codemods.config.json)",
        "  app                 billing-api",
        "  envVar              APP_ENV",
        "  defaultTtlSeconds   3600",
        "  lockTtlSeconds      30",
        "  persistentKeys      none",
        "  keyModule           src/redis/key.ts  (to be generated)",
        "  clientModule        src/lib/redis.ts  (existing shared client module, imported by 1 file)",
        "",
        "Files",
        "  created   redis-codemods.config.json  config",
        "  created   CLAUDE.md  Redis rules section",
        "",
        "Next: npx redis-codemods all . --dry",
        "",
      ].join("\n"),
    );
  });

  it("takes the installed node-redis version over the declared range", () => {
    const dir = makeProject({
      "package.json": JSON.stringify({ name: "svc", dependencies: { redis: "^4.6.0" } }),
      "node_modules/redis/package.json": JSON.stringify({ name: "redis", version: "5.8.2" }),
      "index.js": 'const { createClient } = require("redis");\nmodule.exports = createClient({ url: process.env.REDIS_URL });\n',
    });
    const r = runCli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("node-redis 5  (redis ^4.6.0 in package.json, 5.8.2 installed)");
    expect(read(dir, "CLAUDE.md")).toContain("(v5+ yields arrays of keys)");
  });

  it("reports a fixed-arity key helper but does not reuse it", () => {
    const dir = makeProject({
      "package.json": JSON.stringify({ name: "svc", dependencies: { ioredis: "^5.0.0" } }),
      "tsconfig.json": "{}",
      "src/keys.ts": 'export const key = (entity: string, id: string) => `${entity}:${id}`;\n',
    });
    const r = runCli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("key helper          src/keys.ts exports key(entity: string, id: string)");
    expect(loadConfig(dir).keyModule).toBe("src/redis/key.ts");
  });

  it("answers with the detected values when stdin is not a terminal, even without --yes", () => {
    const dir = copyOf(join(FIXTURES, "js-esm-node-redis"));
    const r = runCli(["init"], dir);
    expect(r.code).toBe(0);
    expect(loadConfig(dir).keyModule).toBe("redis/key.js");
  });
});

describe("the rules section", () => {
  it("replaces only the text between the markers in a CRLF file, and a re-run is byte-identical", () => {
    const before = "# Project\r\n\r\nRun the tests.\r\n\r\n";
    const after = "\r\n## Deploying\r\n\r\nAsk ops.\r\n";
    const stale = `${SECTION_START}\r\nold rules\r\n${SECTION_END}`;
    const dir = copyOf(join(FIXTURES, "ts-cjs-ioredis"));
    writeFileSync(join(dir, "CLAUDE.md"), before + stale + after);

    expect(runCli(["init", "--yes"], dir).code).toBe(0);
    const text = read(dir, "CLAUDE.md");
    expect(text.startsWith(before + SECTION_START + "\r\n")).toBe(true);
    expect(text.endsWith(SECTION_END + after)).toBe(true);
    expect(text).not.toContain("old rules");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text).toContain('import redis from "./src/redis";');

    const second = runCli(["init", "--yes"], dir);
    expect(second.code).toBe(0);
    expect(read(dir, "CLAUDE.md")).toBe(text);
  });

  it("appends the section after a blank line when the file has none, keeping every byte before it", () => {
    const original = "\uFEFF# Notes\n\nNo trailing newline here";
    const update = upsertSection(original, `${SECTION_START}\nrules\n${SECTION_END}`, "CLAUDE.md");
    expect(update).toEqual({ action: "added", text: `${original}\n\n${SECTION_START}\nrules\n${SECTION_END}\n` });
  });

  it("finds the markers right after a BOM and keeps the BOM", () => {
    const update = upsertSection(`\uFEFF${SECTION_START}\nold\n${SECTION_END}\ntail\n`, `${SECTION_START}\nnew\n${SECTION_END}`, "AGENTS.md");
    expect(update).toEqual({ action: "updated", text: `\uFEFF${SECTION_START}\nnew\n${SECTION_END}\ntail\n` });
  });

  it("ignores a marker quoted inside a line, and refuses unbalanced markers", () => {
    const quoted = `Init writes \`${SECTION_START}\` markers.\n`;
    expect(upsertSection(quoted, "S", "CLAUDE.md").action).toBe("added");
    expect(() => upsertSection(`${SECTION_START}\nno end\n`, "S", "CLAUDE.md")).toThrow(/unbalanced/);
    expect(() => upsertSection(`${SECTION_END}\n${SECTION_START}\n`, "S", "CLAUDE.md")).toThrow(/unbalanced/);
  });

  it("exits 2 and writes nothing when the markers are broken", () => {
    const dir = copyOf(join(FIXTURES, "ts-esm-ioredis"));
    writeFileSync(join(dir, "CLAUDE.md"), `${SECTION_START}\nhalf a section\n`);
    const r = runCli(["init", "--yes"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("CLAUDE.md: the Redis rules markers are unbalanced");
    expect(existsSync(join(dir, CONFIG_FILE))).toBe(false);
  });

  it("uses the words of src/rules.ts for every rule", () => {
    const dir = copyOf(join(FIXTURES, "js-cjs-node-redis"));
    expect(runCli(["init", "--yes"], dir).code).toBe(0);
    const section = read(dir, "CLAUDE.md");
    for (const rule of RULES) {
      expect(section).toContain(`### ${rule.rule} ${rule.title} (\`${rule.id}\`)`);
      expect(section).toContain(rule.why);
    }
    expect(section).toContain("CI runs `npx redis-codemods all . --check`");
  });

  it("goes where --agents-file says", () => {
    const dir = copyOf(join(FIXTURES, "js-esm-ioredis"));
    const r = runCli(["init", "--yes", "--agents-file", "docs/ai/redis.md"], dir);
    expect(r.code).toBe(0);
    expect(read(dir, "docs/ai/redis.md")).toContain(SECTION_START);
    expect(existsSync(join(dir, "CLAUDE.md"))).toBe(false);
  });
});

describe("which instruction file", () => {
  it("is CLAUDE.md when the repo has neither, and the one it has otherwise", () => {
    const none = makeProject({});
    expect(agentsFilesFor(none)).toEqual([join(none, "CLAUDE.md")]);
    const agents = makeProject({ "AGENTS.md": "# a\n" });
    expect(agentsFilesFor(agents)).toEqual([realpathSync(join(agents, "AGENTS.md"))]);
  });

  it("is both when both are in use, AGENTS.md alone when CLAUDE.md imports it, and the marked one when one has the section", () => {
    const both = makeProject({ "CLAUDE.md": "# c\n", "AGENTS.md": "# a\n" });
    expect(agentsFilesFor(both).map((f) => f.slice(-9))).toEqual(["CLAUDE.md", "AGENTS.md"]);
    const imports = makeProject({ "CLAUDE.md": "See @AGENTS.md\n", "AGENTS.md": "# a\n" });
    expect(agentsFilesFor(imports).map((f) => f.slice(-9))).toEqual(["AGENTS.md"]);
    const marked = makeProject({ "CLAUDE.md": `${SECTION_START}\nx\n${SECTION_END}\n`, "AGENTS.md": "# a\n" });
    expect(agentsFilesFor(marked).map((f) => f.slice(-9))).toEqual(["CLAUDE.md"]);
  });

  it("writes through a CLAUDE.md symlink to AGENTS.md once, leaving the link in place", () => {
    const dir = copyOf(join(FIXTURES, "js-cjs-ioredis"));
    symlinkSync("AGENTS.md", join(dir, "CLAUDE.md"));
    expect(runCli(["init", "--yes"], dir).code).toBe(0);
    const text = read(dir, "AGENTS.md");
    expect(text.split(SECTION_START).length).toBe(2);
    expect(text.startsWith("# Agents guide\n\nRun `npm test` before every commit.\n\n")).toBe(true);
    expect(read(dir, "CLAUDE.md")).toBe(text);
  });
});

describe("existing files", () => {
  it("refuses to overwrite a different config without --force (exit 2, nothing written), keeps its values with --force", () => {
    const dir = copyOf(join(FIXTURES, "ts-esm-ioredis"));
    const mine = JSON.stringify({ app: "billing", persistentKeys: ["config:*"], defaultTtlSeconds: 600 });
    writeFileSync(join(dir, CONFIG_FILE), mine);
    const before = tree(dir);

    const refused = runCli(["init", "--yes"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("redis-codemods.config.json already exists and differs from what init would write");
    expect(refused.stderr).toContain("--force");
    expect(tree(dir)).toEqual(before);

    const forced = runCli(["init", "--yes", "--force"], dir);
    expect(forced.code).toBe(0);
    const config = loadConfig(dir);
    expect({ app: config.app, ttl: config.defaultTtlSeconds, persistent: config.persistentKeys, keyModule: config.keyModule }).toEqual({
      app: "billing",
      ttl: 600,
      persistent: ["config:*"],
      keyModule: "src/redis/key.ts",
    });
    const section = read(dir, "CLAUDE.md");
    expect(section).toContain("Only keys matching `config:*` may live without a TTL");
    expect(section).toContain('redis.set(k, v, "EX", 600)');
  });

  it("refuses an invalid config without --force and replaces it with --force", () => {
    const dir = copyOf(join(FIXTURES, "js-esm-ioredis"));
    writeFileSync(join(dir, CONFIG_FILE), '{ "app": "chat", "ttl": 5 }');
    const refused = runCli(["init", "--yes"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('unknown field "ttl"');
    expect(runCli(["init", "--yes", "--force"], dir).code).toBe(0);
    expect(loadConfig(dir).app).toBe("chat");
  });

  it("keeps a config that lives in package.json and never edits package.json", () => {
    const dir = makeProject({
      "package.json": JSON.stringify({ name: "svc", dependencies: { ioredis: "^5.0.0" }, redisCodemods: { app: "svc", defaultTtlSeconds: 120 } }),
      "index.js": 'const Redis = require("ioredis");\nmodule.exports = new Redis();\n',
    });
    const pkg = read(dir, "package.json");
    const r = runCli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept +package\.json/);
    expect(read(dir, "package.json")).toBe(pkg);
    expect(existsSync(join(dir, CONFIG_FILE))).toBe(false);
    expect(read(dir, "CLAUDE.md")).toContain('"EX", 120)');
  });
});

describe("init --ci github", () => {
  it("writes a workflow running the PR check, leaves it alone on a re-run, and refuses to overwrite a changed one", () => {
    const dir = copyOf(join(FIXTURES, "ts-esm-node-redis"));
    writeFileSync(join(dir, "package-lock.json"), "{}\n");
    expect(runCli(["init", "--yes", "--ci", "github"], dir).code).toBe(0);
    const workflow = read(dir, WORKFLOW);
    expect(workflow).toContain("npx redis-codemods all . --check --since origin/${{ github.base_ref }} --format github");
    expect(workflow).toContain("fetch-depth: 0");
    expect(workflow).toContain("- run: npm ci");
    expect(read(dir, "CLAUDE.md")).toContain(`CI runs \`npx redis-codemods all . --check\` (\`${WORKFLOW}\`)`);

    expect(runCli(["init", "--yes", "--ci", "github"], dir).stdout).toMatch(/unchanged +\.github\/workflows\/redis-codemods\.yml/);

    writeFileSync(join(dir, WORKFLOW), "name: mine\n");
    const refused = runCli(["init", "--yes", "--ci", "github"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${WORKFLOW} already exists`);
    expect(read(dir, WORKFLOW)).toBe("name: mine\n");
    expect(runCli(["init", "--yes", "--ci", "github", "--force"], dir).code).toBe(0);
    expect(read(dir, WORKFLOW)).toBe(workflow);
  });
});

describe("prompts", () => {
  /** Runs the questions on typed-ahead input; returns the answers and what was shown. */
  async function answer(typed: string, values = { app: "shop", envVar: "NODE_ENV", defaultTtlSeconds: 3600, persistentKeys: [], keyModule: "src/redis/key.js", clientModule: "src/redis/client.js" }) {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk) => (shown += chunk));
    input.end(typed);
    const prompter = streamPrompter(input, output);
    try {
      return { values: await askConfig(prompter, values, makeProject({})), shown };
    } finally {
      prompter.close();
    }
  }

  it("offers the detected values, keeps them on Enter and asks again after an invalid answer", async () => {
    const { values, shown } = await answer("billing\n\nsoon\n7200\nconfig:*, flags:*\n\nlib/redis.js\n");
    expect(values).toEqual({ app: "billing", envVar: "NODE_ENV", defaultTtlSeconds: 7200, persistentKeys: ["config:*", "flags:*"], keyModule: "src/redis/key.js", clientModule: "lib/redis.js" });
    expect(shown).toContain("App name (first key segment) [shop]: ");
    expect(shown).toContain("Key patterns that may live without a TTL (comma-separated, 'none') [none]: ");
    expect(shown).toContain('field "defaultTtlSeconds" must be a positive integer (seconds), got "soon"');
  });

  it("rejects a module path outside the project", async () => {
    const { values, shown } = await answer("\n\n\n\n../elsewhere/key.js\n\n\n");
    expect(values.keyModule).toBe("src/redis/key.js");
    expect(shown).toContain('field "keyModule" must be a path inside the project');
  });

  it.skipIf(!hasScript)("asks on a terminal: the detection first, then one question per field", () => {
    const dir = copyOf(join(FIXTURES, "js-cjs-ioredis"));
    // `script` gives the CLI a pseudo-terminal; the answers are typed ahead into it.
    const r = spawnSync("script", ["-qec", `"${process.execPath}" "${CLI}" init`, "/dev/null"], { cwd: dir, input: "shop\n\nabc\n900\nconfig:*\n\n\n", encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout.indexOf("Detected in .")).toBeLessThan(r.stdout.indexOf("App name (first key segment) [legacy-api]: "));
    expect(r.stdout).toContain('field "defaultTtlSeconds" must be a positive integer (seconds), got "abc"');
    const config = loadConfig(dir);
    expect({ app: config.app, ttl: config.defaultTtlSeconds, persistent: config.persistentKeys }).toEqual({ app: "shop", ttl: 900, persistent: ["config:*"] });
  });

  it("stops with a usage error when the input ends early", async () => {
    await expect(answer("billing\n")).rejects.toThrow(/use --yes/);
  });
});

describe("redis-codemods rules", () => {
  it("prints each rule with its id, why and what the transform does", () => {
    const r = runCli(["rules"], REPO_ROOT);
    expect(r.code).toBe(0);
    for (const rule of RULES) {
      expect(r.stdout).toContain(`${rule.rule}  ${rule.title}  (${rule.id})`);
      expect(r.stdout.replace(/\s+/g, " ")).toContain(rule.why.replace(/\s+/g, " "));
    }
    expect(r.stdout.split("\n").every((line) => line.length <= 110)).toBe(true);
  });

  it("prints JSON with --format json", () => {
    const r = runCli(["rules", "--format", "json"], REPO_ROOT);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(RULES);
  });

  it("names the same rule as every registered transform's meta", () => {
    expect(RULES.map((r) => r.rule)).toEqual(["R1", "R2", "R3", "R4"]);
    for (const t of transforms) expect(RULES.find((r) => r.id === t.meta.id)?.rule).toBe(t.meta.rule);
  });
});

describe("the demo app", () => {
  /** The runner accepts the config: `inspect` always, `all --dry` once transforms are registered, creating only the modules the section names. */
  function expectRunnerAccepts(dir: string, section: string): void {
    expect(runCli(["inspect", "."], dir).code).toBe(0);
    if (transforms.length === 0) return;
    const dry = runCli(["all", ".", "--dry", "--format", "json"], dir);
    expect(dry.code).toBe(0);
    const config = loadConfig(dir);
    for (const created of JSON.parse(dry.stdout).created as Array<{ path: string }>) {
      expect([config.keyModule, config.clientModule]).toContain(created.path);
      expect(section).toContain(`\`${created.path}\``);
    }
  }

  it("init --yes on a copy of examples/legacy-shop without its config writes one the runner accepts", () => {
    const dir = copyOf(join(REPO_ROOT, "examples", "legacy-shop"));
    rmSync(join(dir, CONFIG_FILE));
    const r = runCli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("shared client       src/redis.js exports module.exports");
    expect(r.stdout).toContain("Redis URL env       REDIS_URL (");
    const config = loadConfig(dir);
    expect({ app: config.app, keyModule: config.keyModule, clientModule: config.clientModule }).toEqual({
      app: "legacy-shop",
      keyModule: "src/lib/redis-key.js",
      clientModule: "src/lib/redis-client.js",
    });
    const section = read(dir, "CLAUDE.md");
    for (const text of [
      'const { key } = require("./src/lib/redis-key");',
      'const redis = require("./src/redis");',
      "`src/lib/redis-client.js`",
      "ioredis 5, node-redis 4, node-redis 3, legacy callbacks in `legacy-worker/`",
      "`REDIS_URL`",
    ]) {
      expect(section).toContain(text);
    }
    expectRunnerAccepts(dir, section);
  });

  it("keeps the demo's own config values when told to rewrite it with --force", () => {
    const dir = copyOf(join(REPO_ROOT, "examples", "legacy-shop"));
    const refused = runCli(["init", "--yes"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("(keyModule added, clientModule added)");

    expect(runCli(["init", "--yes", "--force"], dir).code).toBe(0);
    const config = loadConfig(dir);
    expect({ app: config.app, persistentKeys: config.persistentKeys, keyModule: config.keyModule }).toEqual({
      app: "shop",
      persistentKeys: ["config:*"],
      keyModule: "src/lib/redis-key.js",
    });
    const section = read(dir, "CLAUDE.md");
    expect(section).toContain("`shop:<NODE_ENV>:user:<id>:profile`");
    expect(section).toContain("Only keys matching `config:*` may live without a TTL");
    expectRunnerAccepts(dir, section);
  });
});

describe("init errors", () => {
  it("exits 2 for a folder that does not exist", () => {
    const r = runCli(["init", "--yes", "no/such/dir"], makeProject({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not a folder: no/such/dir");
  });

  it("names the project after its folder when package.json has no name", () => {
    const parent = makeProject({});
    const dir = join(parent, "My Service");
    mkdirSync(dir);
    expect(runCli(["init", "--yes"], dir).code).toBe(0);
    expect(loadConfig(dir).app).toBe("my-service");
  });
});
