/**
 * The built CLI on temporary projects: usage, exit codes, dry runs that write nothing, report
 * schema, per-file isolation, byte-preserving writes and the dirty-tree guard. The test-only
 * `rename-call` transform (test/fixtures/transforms) drives the runner where no shipped transform fits.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { git, makeProject, RENAME_CALL, runCli } from "./support/project.js";

const sample = {
  "package.json": JSON.stringify({ name: "@acme/Sample App", version: "1.0.0" }),
  "src/a.js": "legacyCall(1);\n",
  "src/b.ts": "const x: number = 1;\nexport default x;\n",
};

describe("usage", () => {
  it("--help shows usage, options and examples", () => {
    const r = runCli(["--help"], process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("redis-codemods <transform|all>");
    for (const flag of ["--dry", "--check", "--print", "--format", "--config", "--ttl", "--app", "--env-var", "--jobs", "--extensions", "--ignore-pattern", "--force"]) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain("Examples:");
  });

  it("--version prints the package version", () => {
    const r = runCli(["--version"], process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });

  it("list prints every registered transform as JSON too", () => {
    const r = runCli(["list", "--format", "json"], process.cwd());
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; rule: string }>;
    expect(rows.map((x) => x.id)).not.toContain("rename-call");
  });

  it("an unknown transform is a usage error (exit 2)", () => {
    const dir = makeProject(sample);
    const r = runCli(["no-such-transform", "."], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown transform "no-such-transform"');
  });

  it("an unknown option is a usage error (exit 2)", () => {
    const r = runCli([RENAME_CALL, ".", "--no-such-flag"], makeProject(sample));
    expect(r.code).toBe(2);
  });
});

describe("dry runs", () => {
  it("--dry prints a git-style diff and the created module, and writes nothing", () => {
    const dir = makeProject(sample);
    const r = runCli([RENAME_CALL, ".", "--dry"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--- a/src/a.js\n+++ b/src/a.js\n@@ -1,1 +1,1 @@\n-legacyCall(1);\n+modernCall(1);");
    expect(r.stdout).toContain("--- /dev/null\n+++ b/generated/flags.js");
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("legacyCall(1);\n");
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("--check exits 1 when something would change and 0 when nothing would", () => {
    const dir = makeProject(sample);
    expect(runCli([RENAME_CALL, ".", "--check"], dir).code).toBe(1);
    expect(runCli([RENAME_CALL, "src/b.ts", "--check"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("legacyCall(1);\n");
  });

  it("--print prints the transformed source only", () => {
    const r = runCli([RENAME_CALL, "src/a.js", "--print"], makeProject(sample));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("modernCall(1);\n");
  });

  it("colours only when asked (FORCE_COLOR) and never with NO_COLOR", () => {
    const dir = makeProject(sample);
    expect(runCli([RENAME_CALL, ".", "--dry"], dir).stdout).not.toContain("\u001b[");
    expect(runCli([RENAME_CALL, ".", "--dry"], dir, { NO_COLOR: "", FORCE_COLOR: "1" }).stdout).toContain("\u001b[32m+modernCall");
  });
});

describe("--format json", () => {
  it("follows the versioned report schema", () => {
    const dir = makeProject({ ...sample, "src/c.js": "TODO();\nlegacyCall(2);\n" });
    const r = runCli([RENAME_CALL, ".", "--dry", "--format", "json"], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ version: 1, tool: { name: "redis-codemods" }, mode: "dry", transforms: ["rename-call"], root: "." });
    expect(report.files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([
      ["src/a.js", "changed"],
      ["src/b.ts", "unchanged"],
      ["src/c.js", "changed"],
    ]);
    const c = report.files[2];
    expect(c.changedBy).toEqual(["rename-call"]);
    expect(c.diff).toContain("+modernCall(2);");
    expect(c.findings).toEqual([
      { rule: "R1", transform: "rename-call", line: 1, column: 1, endLine: 1, endColumn: 7, message: "TODO left in code", fixed: false },
      { rule: "R1", transform: "rename-call", line: 2, column: 1, endLine: 2, endColumn: 14, message: "renamed legacyCall", fixed: true },
    ]);
    expect(report.created).toEqual([expect.objectContaining({ path: "generated/flags.js", status: "created", transform: "rename-call" })]);
    expect(report.summary).toMatchObject({ files: 3, changed: 2, unchanged: 1, skipped: 0, errors: 0, created: 1, findings: 3, fixed: 2, needsReview: 1, byRule: { R1: { fixed: 2, needsReview: 1 } } });
    expect(typeof report.summary.durationMs).toBe("number");
  });
});

describe("per-file isolation", () => {
  it("a file that does not parse is reported, left alone, and the run goes on with exit 2", () => {
    const dir = makeProject({ ...sample, "src/broken.ts": "legacyCall(1;\n" });
    const r = runCli([RENAME_CALL, ".", "--format", "json"], dir);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    const broken = report.files.find((f: { path: string }) => f.path === "src/broken.ts");
    expect(broken.status).toBe("error");
    expect(broken.reason).toMatch(/^parse error: /);
    expect(readFileSync(join(dir, "src/broken.ts"), "utf8")).toBe("legacyCall(1;\n");
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("modernCall(1);\n");
  });

  it("a transform that throws on one file fails only that file", () => {
    const dir = makeProject({ ...sample, "src/t.js": "legacyCall(); // THROW_IN_TRANSFORM\n" });
    const r = runCli([RENAME_CALL, ".", "--dry", "--format", "json"], dir);
    expect(r.code).toBe(2);
    const statuses = Object.fromEntries(JSON.parse(r.stdout).files.map((f: { path: string; status: string; reason?: string }) => [f.path, f.reason ?? f.status]));
    expect(statuses).toEqual({ "src/a.js": "changed", "src/b.ts": "unchanged", "src/t.js": "transform error: boom from rename-call" });
  });

  it("a Flow-annotated .js file parses through the fallback parser", () => {
    const dir = makeProject({ "package.json": "{}", "src/flow.js": "// @flow\nfunction f(x: ?string) { legacyCall(x); }\n" });
    const r = runCli([RENAME_CALL, ".", "--print"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("// @flow\nfunction f(x: ?string) { modernCall(x); }\n");
  });
});

describe("writing", () => {
  it("keeps CRLF line endings, the BOM, the final newline and the file mode", () => {
    const dir = makeProject({ "package.json": "{}", "src/crlf.js": "\ufeff// header\r\nlegacyCall(1);\r\nfoo();" });
    chmodSync(join(dir, "src/crlf.js"), 0o640);
    const r = runCli([RENAME_CALL, "."], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "src/crlf.js"), "utf8")).toBe("\ufeff// header\r\nmodernCall(1);\r\nfoo();");
    expect(statSync(join(dir, "src/crlf.js")).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, "generated/flags.js"), "utf8")).toBe("export const renamed = true;\n");
  });

  it("skips binary, minified and huge files with a reason", () => {
    const dir = makeProject({
      "package.json": "{}",
      "src/bin.js": Buffer.from([0x6c, 0x00, 0x01, 0x02]),
      "src/min.js": `legacyCall(${"1,".repeat(4000)}1);\n`,
      "src/huge.js": `legacyCall(1);\n${"// padding padding padding\n".repeat(50_000)}`,
    });
    const report = JSON.parse(runCli([RENAME_CALL, ".", "--dry", "--format", "json"], dir).stdout);
    const reasons = Object.fromEntries(report.files.map((f: { path: string; reason: string }) => [f.path, f.reason]));
    expect(reasons["src/bin.js"]).toBe("binary file");
    expect(reasons["src/min.js"]).toMatch(/^minified/);
    expect(reasons["src/huge.js"]).toMatch(/^too large/);
  });

  it("does not follow symlinks out of the project", () => {
    const outside = makeProject({ "victim.js": "legacyCall(1);\n" });
    const dir = makeProject(sample);
    symlinkSync(join(outside, "victim.js"), join(dir, "src/link.js"));
    const r = runCli([RENAME_CALL, "."], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(outside, "victim.js"), "utf8")).toBe("legacyCall(1);\n");
  });
});

describe("git", () => {
  function repo(): string {
    const dir = makeProject({ ...sample, ".gitignore": "generated-src/\n", "generated-src/x.js": "legacyCall(9);\n" });
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "init");
    return dir;
  }

  it("a real run on a tree with uncommitted changes refuses; --force and dry runs go on", () => {
    const dir = repo();
    writeFileSync(join(dir, "src/b.ts"), "export {};\n");
    const refused = runCli([RENAME_CALL, "."], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("uncommitted changes");
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("legacyCall(1);\n");
    expect(runCli([RENAME_CALL, ".", "--dry"], dir).code).toBe(0);
    expect(runCli([RENAME_CALL, ".", "--force"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("modernCall(1);\n");
  });

  it("an untracked non-source file (a report redirected into the tree) does not make the tree dirty", () => {
    const dir = repo();
    writeFileSync(join(dir, "report.json"), "");
    expect(runCli([RENAME_CALL, "."], dir).code).toBe(0);
    writeFileSync(join(dir, "src/new.js"), "legacyCall(3);\n");
    expect(runCli([RENAME_CALL, "."], dir).code).toBe(2);
  });

  it("honours .gitignore from the repository root when run on a subfolder", () => {
    const dir = repo();
    writeFileSync(join(dir, "src/.keep"), "");
    const r = runCli([RENAME_CALL, ".", "--dry", "--format", "json"], dir);
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(["src/a.js", "src/b.ts"]);
  });
});

describe("config", () => {
  it("an unknown field is an error naming it (exit 2), nothing written", () => {
    const dir = makeProject({ ...sample, "redis-codemods.config.json": JSON.stringify({ ttl: 5 }) });
    const r = runCli([RENAME_CALL, "."], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown field "ttl"');
    expect(readFileSync(join(dir, "src/a.js"), "utf8")).toBe("legacyCall(1);\n");
  });

  it("a wrong type is an error naming the field", () => {
    const dir = makeProject({ ...sample, "package.json": JSON.stringify({ name: "x", redisCodemods: { defaultTtlSeconds: "1h" } }) });
    const r = runCli([RENAME_CALL, ".", "--dry"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('field "defaultTtlSeconds" must be a positive integer');
  });

  it("a module path outside the project is refused", () => {
    const dir = makeProject({ ...sample, "redis-codemods.config.json": JSON.stringify({ keyModule: "../elsewhere/key.ts" }) });
    const r = runCli([RENAME_CALL, ".", "--dry"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('field "keyModule" must be a path inside the project');
  });
});

describe("worker threads", () => {
  it("--jobs 2 gives the same report, in the same order, as --jobs 1", () => {
    const files: Record<string, string> = { "package.json": "{}" };
    for (let i = 0; i < 60; i++) files[`src/m${String(i).padStart(2, "0")}.js`] = i % 3 ? "legacyCall(1);\nTODO();\n" : "other();\n";
    files["src/broken.js"] = "legacyCall(;\n";
    const dir = makeProject(files);
    const report = (jobs: string) => {
      const r = runCli([RENAME_CALL, ".", "--dry", "--format", "json", "--jobs", jobs], dir);
      expect(r.code).toBe(2);
      const parsed = JSON.parse(r.stdout);
      parsed.summary.durationMs = 0;
      return parsed;
    };
    const one = report("1");
    expect(one.summary).toMatchObject({ files: 61, changed: 40, unchanged: 20, errors: 1 });
    expect(report("2")).toEqual(one);
  });
});

describe("shards", () => {
  it("merging the reports of --shard 1/3, 2/3 and 3/3 gives the unsharded report", () => {
    const files: Record<string, string> = { "package.json": "{}" };
    for (let i = 0; i < 30; i++) files[`src/s${i}.js`] = i % 2 ? "legacyCall(1);\nTODO();\n" : "other();\n";
    const dir = makeProject(files);
    const whole = JSON.parse(runCli([RENAME_CALL, ".", "--dry", "--format", "json"], dir).stdout);
    const shardFiles = [1, 2, 3].map((i) => {
      const r = runCli([RENAME_CALL, ".", "--dry", "--format", "json", "--shard", `${i}/3`], dir);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.shard).toEqual({ index: i, count: 3 });
      expect(report.files.length).toBeLessThan(30);
      writeFileSync(join(dir, `shard${i}.json`), r.stdout);
      return `shard${i}.json`;
    });
    const merged = runCli(["merge-reports", ...shardFiles, "--transform-module", RENAME_CALL], dir);
    expect(merged.stderr).toBe("");
    const report = JSON.parse(merged.stdout);
    report.summary.durationMs = whole.summary.durationMs = 0;
    expect(report).toEqual(whole);
  });

  it("refuses an incomplete set of shards", () => {
    const dir = makeProject(sample);
    writeFileSync(join(dir, "s1.json"), runCli([RENAME_CALL, ".", "--dry", "--format", "json", "--shard", "1/2"], dir).stdout);
    const r = runCli(["merge-reports", "s1.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("shards 1 given; expected 1, 2");
  });

  it("rejects a malformed --shard", () => {
    expect(runCli([RENAME_CALL, ".", "--shard", "3/2"], makeProject(sample)).code).toBe(2);
  });
});

describe("pipes", () => {
  it("exits quietly when stdout is closed early (piped into head)", () => {
    const files: Record<string, string> = { "package.json": "{}" };
    for (let i = 0; i < 300; i++) files[`src/f${i}.js`] = "legacyCall(1);\n".repeat(20);
    const dir = makeProject(files);
    const r = spawnShell(`node ${JSON.stringify(process.cwd() + "/dist/src/cli.js")} ${JSON.stringify(RENAME_CALL)} . --dry | head -n 1`, dir);
    expect(r.stderr).not.toContain("EPIPE");
    expect(r.stdout.split("\n")[0]).toMatch(/^--- a\/src\/f/);
  });
});

function spawnShell(command: string, cwd: string) {
  return spawnSync("bash", ["-o", "pipefail", "-c", command], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}
