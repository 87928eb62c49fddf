/**
 * `--since` and `--changed-lines-only` on real git repositories: which files and lines count as
 * changed (untracked and uncommitted work too), what changed-lines-only keeps and writes, paths
 * from a subfolder, and the errors for unknown refs, shallow clones and missing repositories.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changesSince, parseZeroContextDiff, unquoteGitPath } from "../src/since.js";
import { reportValidator } from "./support/pr-bot.js";
import { gitIn, makePrRepo, PR_TRANSFORMS, type PrRepo } from "./support/pr-repo.js";
import { makeProject, runCli } from "./support/project.js";

type FileRow = { path: string; status: string; reason?: string; findings: Array<{ line: number; fixed: boolean }>; changedLines?: Array<{ start: number; end: number }> };

const validReport = reportValidator();

/** The JSON report of a run, checked against schema/report.schema.json. */
function json(args: string[], cwd: string) {
  const r = runCli([PR_TRANSFORMS, ...args, "--format", "json"], cwd);
  if (r.code === 2) throw new Error(r.stderr);
  const report = JSON.parse(r.stdout);
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  return report as { files: FileRow[]; created: unknown[]; summary: { changed: number; created: number }; gitPrefix?: string };
}

function byPath(files: FileRow[]): Record<string, FileRow> {
  return Object.fromEntries(files.map((f) => [f.path, f]));
}

let repo: PrRepo;
beforeAll(() => {
  repo = makePrRepo();
});

describe("which files --since selects", () => {
  it("counts uncommitted edits and untracked files, with their changed lines", () => {
    const dir = makePrRepo().dir;
    writeFileSync(join(dir, "src/untracked.js"), "one();\nlegacyCall(2);\n");
    writeFileSync(join(dir, "src/keep.js"), 'legacyCall(0);\ncache.put("k", 0);\nnow();\n');
    const files = byPath(json([".", "--dry", "--since", "main"], dir).files);
    expect(files["src/untracked.js"].changedLines).toEqual([{ start: 1, end: 2 }]);
    expect(files["src/keep.js"].changedLines).toEqual([{ start: 3, end: 3 }]);
    expect(files["src/keep.js"].status).toBe("changed");
  });

  it("intersects the changed files with the given paths", () => {
    const files = json(["src/cart.js", "src/keep.js", "--dry", "--since", "main"], repo.dir).files;
    expect(files.map((f) => f.path)).toEqual(["src/cart.js"]);
  });

  it("uses the merge base, not the ref's tip: main's later commits are not the PR's", () => {
    const changes = changesSince("main", repo.dir);
    expect(changes.mergeBase).toBe(repo.mergeBase);
    expect([...changes.files.keys()].some((f) => f.endsWith("/src/keep.js"))).toBe(false);
  });

  it("reads unusual file names git quotes", () => {
    const dir = makePrRepo().dir;
    const name = 'src/we"ird\tü.js';
    writeFileSync(join(dir, name), "a();\nlegacyCall(1);\n");
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-qm", "odd name");
    writeFileSync(join(dir, name), "a();\nlegacyCall(1);\nb();\n");
    const changes = changesSince("main", dir);
    const entry = [...changes.files].find(([file]) => file.endsWith("ird\tü.js"));
    expect(entry?.[1]).toEqual([{ start: 1, end: 3 }]);
  });

  it("unquotes C-style git paths and reads -U0 hunks, pure deletions giving no lines", () => {
    expect(unquoteGitPath('"b/a\\"b\\tc\\303\\274.js"')).toBe('b/a"b\tcü.js');
    expect(unquoteGitPath("b/plain.js")).toBe("b/plain.js");
    const patch = ["diff --git a/x.js b/x.js", "--- a/x.js", "+++ b/x.js", "@@ -1,0 +2,2 @@", "+a", "+b", "@@ -5 +7 @@", "-c", "+d", "@@ -9,2 +10,0 @@", "-e", "-f", "diff --git a/gone.js b/gone.js", "--- a/gone.js", "+++ /dev/null", "@@ -1 +0,0 @@", "-x"].join("\n");
    expect(Object.fromEntries(parseZeroContextDiff(patch))).toEqual({ "x.js": [{ start: 2, end: 3 }, { start: 7, end: 7 }] });
  });
});

describe("--changed-lines-only", () => {
  it("keeps findings on changed lines and drops rewrites that touch none", () => {
    const report = json([".", "--dry", "--since", "main", "--changed-lines-only"], repo.dir);
    const files = byPath(report.files);
    expect(files["src/cart.js"]).toMatchObject({ status: "unchanged", reason: expect.stringContaining("outside the changed lines"), findings: [] });
    expect(files["src/modified.js"].status).toBe("changed");
    for (const file of report.files) {
      for (const finding of file.findings) {
        expect(file.changedLines!.some((r) => r.start <= finding.line && finding.line <= r.end), `${file.path}:${finding.line}`).toBe(true);
      }
    }
    const all = byPath(json([".", "--dry", "--since", "main"], repo.dir).files);
    expect(all["src/modified.js"].findings.length).toBeGreaterThan(files["src/modified.js"].findings.length);
  });

  it("writes a kept file whole and leaves a dropped one (and its generated module) alone", () => {
    const dir = makePrRepo().dir;
    const cart = readFileSync(join(dir, "src/cart.js"), "utf8");
    const only = json(["src/cart.js", "--since", "main", "--changed-lines-only"], dir);
    expect(only.summary).toMatchObject({ changed: 0, created: 0 });
    expect(readFileSync(join(dir, "src/cart.js"), "utf8")).toBe(cart);
    json([".", "--since", "main", "--changed-lines-only"], dir);
    expect(readFileSync(join(dir, "src/modified.js"), "utf8")).not.toContain("legacyCall");
    expect(readFileSync(join(dir, "src/cart.js"), "utf8")).toBe(cart);
  });

  it("needs --since", () => {
    const r = runCli([PR_TRANSFORMS, ".", "--changed-lines-only"], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("since");
  });
});

describe("paths from a subfolder", () => {
  it("reports paths relative to the working directory and the repository prefix for GitHub", () => {
    const report = json([".", "--dry", "--since", "main"], join(repo.dir, "src"));
    expect(report.gitPrefix).toBe("src/");
    expect(report.files.map((f) => f.path)).toContain("cart.js");
    const annotations = runCli([PR_TRANSFORMS, ".", "--check", "--since", "main", "--format", "github"], join(repo.dir, "src")).stdout;
    expect(annotations).toMatch(/^::error file=src\/cart\.js,line=4,/m);
  });
});

describe("errors", () => {
  it("an unknown ref is a usage error that says what to fetch", () => {
    const r = runCli([PR_TRANSFORMS, ".", "--since", "origin/nope", "--dry"], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown git ref "origin/nope"');
    expect(r.stderr).toContain("git fetch origin nope");
  });

  it("a shallow clone: first the missing base, then the missing history, then it works", () => {
    const clone = join(mkdtempSync(join(tmpdir(), "redis-codemods-shallow-")), "clone");
    gitIn(tmpdir(), "clone", "-q", "--depth", "1", "--branch", "feature", `file://${repo.dir}`, clone);
    const missing = runCli([PR_TRANSFORMS, ".", "--since", "origin/main", "--dry"], clone);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/unknown git ref "origin\/main".*shallow clone.*git fetch origin main/);
    gitIn(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");
    const noBase = runCli([PR_TRANSFORMS, ".", "--since", "origin/main", "--dry"], clone);
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toMatch(/no merge base .*shallow.*(--deepen|--unshallow).*fetch-depth: 0/);
    gitIn(clone, "fetch", "-q", "--unshallow", "origin");
    const ok = runCli([PR_TRANSFORMS, ".", "--since", "origin/main", "--dry", "--format", "json"], clone);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).files.map((f: FileRow) => f.path)).toContain("src/cart.js");
  });

  it("outside a git repository, and with an option-like ref", () => {
    const plain = makeProject({ "package.json": "{}", "a.js": "legacyCall(1);\n" });
    const outside = runCli([PR_TRANSFORMS, ".", "--since", "main"], plain);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("--since needs a git repository");
    const option = runCli([PR_TRANSFORMS, ".", "--since=--output=x", "--dry"], repo.dir);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("--since takes a git ref");
  });
});
