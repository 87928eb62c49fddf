/**
 * Every PR bot format, golden-tested on a real pull-request-shaped git repository (a rename, a
 * deletion, modified and added files, CRLF), run through the built CLI with `--since main`.
 * Beyond the goldens, each format is checked against independent facts: SARIF against the official
 * schema and by replaying its fixes, annotations by decoding them, review suggestions against the
 * PR's own diff hunks and by applying them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makePrRepo, PR_TRANSFORMS, gitIn, type PrRepo } from "./support/pr-repo.js";
import { applyReplacements, applySuggestions, expectGolden, normalize, prDiffLines, reportValidator, sarifValidator } from "./support/pr-bot.js";
import { runCli } from "./support/project.js";

let repo: PrRepo;
const outputs = new Map<string, { code: number | null; stdout: string; stderr: string }>();

/** The CLI's output for a format on the PR (check mode, --since main), run once per format. */
function prRun(format: string): { code: number | null; stdout: string; stderr: string } {
  if (!outputs.has(format)) outputs.set(format, runCli([PR_TRANSFORMS, ".", "--check", "--since", "main", "--format", format], repo.dir));
  return outputs.get(format)!;
}

/** What the codemod makes of one file, from `--print`. */
function printed(path: string): string {
  return runCli([PR_TRANSFORMS, path, "--print"], repo.dir).stdout;
}

beforeAll(() => {
  repo = makePrRepo();
});

describe("--since on a pull request", () => {
  it("processes exactly the added, modified and renamed files (git's own list), not the deleted one or main's later work", () => {
    const report = JSON.parse(prRun("json").stdout);
    const expected = gitIn(repo.dir, "diff", "--name-status", "-M", `${repo.mergeBase}`)
      .trim()
      .split("\n")
      .map((line) => line.split("\t"))
      .filter(([status]) => !status.startsWith("D"))
      .map((fields) => fields[fields.length - 1])
      .sort();
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(expected);
    expect(expected).toContain("src/cart.js");
    expect(expected).not.toContain("src/deleted.js");
    expect(report.files.map((f: { path: string }) => f.path)).not.toContain("src/keep.js");
    expect(report.since).toEqual({ ref: "main", mergeBase: repo.mergeBase, changedLinesOnly: false });
  });

  it("records each file's changed lines as git's -U0 hunks give them", () => {
    const report = JSON.parse(prRun("json").stdout);
    const hunks = prDiffLines(repo.dir, repo.mergeBase);
    for (const file of report.files as Array<{ path: string; changedLines: Array<{ start: number; end: number }> }>) {
      const lines = file.changedLines.flatMap((r) => Array.from({ length: r.end - r.start + 1 }, (_, i) => r.start + i));
      expect(new Set(lines), file.path).toEqual(hunks.get(file.path) ?? new Set());
    }
  });
});

describe("--format json", () => {
  it("matches the golden report and validates against schema/report.schema.json", () => {
    const r = prRun("json");
    expect(r.code).toBe(1);
    const validate = reportValidator();
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
    expectGolden("report.json", normalize(r.stdout, repo.mergeBase));
  });
});

describe("--format sarif", () => {
  it("is valid SARIF 2.1.0 by the official schema and matches the golden log", () => {
    const r = prRun("sarif");
    const validate = sarifValidator();
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expectGolden("report.sarif.json", normalize(r.stdout, repo.mergeBase));
  });

  it("has a rule per transform, a warning per finding that needs review, and fixes that replay the codemod exactly", () => {
    const log = JSON.parse(prRun("sarif").stdout);
    const report = JSON.parse(prRun("json").stdout);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(report.transforms);
    expect(run.results.filter((r: { level: string }) => r.level === "warning")).toHaveLength(report.summary.needsReview);
    for (const file of report.files as Array<{ path: string }>) {
      const replacements = uniqueReplacements(run.results, file.path);
      const before = readFileSync(join(repo.dir, file.path), "utf8");
      expect(applyReplacements(before, replacements), file.path).toBe(printed(file.path));
    }
  });

  it("points every result at a region inside its file", () => {
    const run = JSON.parse(prRun("sarif").stdout).runs[0];
    for (const result of run.results) {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uriBaseId).toBe("%SRCROOT%");
      if (artifactLocation.uri.startsWith("generated/")) continue;
      const lines = readFileSync(join(repo.dir, artifactLocation.uri), "utf8").split("\n");
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.endLine).toBeLessThanOrEqual(lines.length);
      expect(region.endColumn).toBeLessThanOrEqual(lines[region.endLine - 1].replace(/\r$/, "").length + 1);
    }
  });
});

describe("--format github", () => {
  it("matches the golden annotations", () => {
    expectGolden("annotations.txt", normalize(prRun("github").stdout, repo.mergeBase));
  });

  it("emits one well-formed command per line: needs review → warning, rewrites under --check → error", () => {
    const report = JSON.parse(prRun("json").stdout);
    const lines = prRun("github").stdout.trimEnd().split("\n");
    const parsed = lines.map((line) => /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line));
    expect(parsed.every(Boolean), lines.join("\n")).toBe(true);
    const props = parsed.map((m) => Object.fromEntries(m![2].split(",").map((p) => p.split("=").map(decodeURIComponent))));
    expect(parsed.filter((m) => m![1] === "warning")).toHaveLength(report.summary.needsReview);
    const files = new Set(report.files.map((f: { path: string }) => f.path));
    for (const p of props.filter((p) => p.file)) expect(files.has(p.file)).toBe(true);
    expect(parsed.filter((m) => m![1] === "notice")).toHaveLength(0);
  });

  it("reports rewrites as notices outside --check", () => {
    const r = runCli([PR_TRANSFORMS, ".", "--dry", "--since", "main", "--format", "github"], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::notice file=src\/cart\.js,/m);
    expect(r.stdout).not.toMatch(/^::error/m);
  });
});

describe("--format markdown", () => {
  it("matches the golden PR comment", () => {
    const md = prRun("markdown").stdout;
    expectGolden("summary.md", normalize(md, repo.mergeBase));
  });

  it("has the rule table, the migration plan and one collapsible diff per changed file", () => {
    const report = JSON.parse(prRun("json").stdout);
    const md = prRun("markdown").stdout;
    for (const [rule, counts] of Object.entries(report.summary.byRule) as Array<[string, { fixed: number; needsReview: number }]>) {
      expect(md).toMatch(new RegExp(`^\\| ${rule} \\| .* \\| ${counts.fixed} \\| ${counts.needsReview} \\|$`, "m"));
    }
    for (const m of report.migrationPlan) expect(md).toContain(`<code>${m.oldPattern}</code>`);
    const changed = report.files.filter((f: { status: string }) => f.status === "changed");
    expect(md.match(/<details>/g)).toHaveLength(changed.length + report.created.length);
    expect(md).not.toContain("\r");
  });
});

describe("--format github-review", () => {
  it("matches the golden review body", () => {
    expectGolden("review.json", normalize(prRun("github-review").stdout, repo.mergeBase));
  });

  it("anchors every suggestion on right-side lines the PR added or modified", () => {
    const review = JSON.parse(prRun("github-review").stdout);
    const hunks = prDiffLines(repo.dir, repo.mergeBase);
    expect(review.event).toBe("COMMENT");
    expect(review.comments.length).toBeGreaterThan(0);
    for (const c of review.comments) {
      expect(c.side).toBe("RIGHT");
      const start = c.start_line ?? c.line;
      if (c.start_line !== undefined) expect(c.start_side).toBe("RIGHT");
      expect(start).toBeLessThanOrEqual(c.line);
      for (let line = start; line <= c.line; line++) expect(hunks.get(c.path)?.has(line), `${c.path}:${line}`).toBe(true);
    }
  });

  it("covers every change: applied suggestions reproduce the codemod where nothing was left for the body", () => {
    const review = JSON.parse(prRun("github-review").stdout);
    const report = JSON.parse(prRun("json").stdout);
    for (const file of report.files.filter((f: { status: string }) => f.status === "changed") as Array<{ path: string }>) {
      const comments = review.comments.filter((c: { path: string }) => c.path === file.path);
      const outside = review.body.includes(`<summary><code>${file.path}:`);
      const before = readFileSync(join(repo.dir, file.path), "utf8");
      const after = applySuggestions(before.replace(/\r\n/g, "\n"), comments);
      if (!outside) expect(after, file.path).toBe(printed(file.path).replace(/\r\n/g, "\n"));
      else expect(after, file.path).not.toBe(printed(file.path).replace(/\r\n/g, "\n"));
    }
  });

  it("puts a pure insertion on the line before it, and a deletion as an empty suggestion", () => {
    const review = JSON.parse(prRun("github-review").stdout);
    const store = review.comments.filter((c: { path: string }) => c.path === "src/store.js");
    expect(store.map((c: { line: number; body: string }) => [c.line, c.body.split("\n").slice(-3).join("\n")])).toEqual([
      [2, "\n```suggestion\n```"],
      [3, "  const v = id * 3;\n  guard();\n```"],
    ]);
  });

  it("without --since nothing is suggestable: every change goes into the body", () => {
    const r = runCli([PR_TRANSFORMS, "src/cart.js", "--check", "--format", "github-review"], repo.dir);
    const review = JSON.parse(r.stdout);
    expect(review.comments).toEqual([]);
    expect(review.body).toContain("<code>src/cart.js:4</code>");
  });
});

/** All replacements of a file across results, each once (a block can back several findings). */
function uniqueReplacements(results: Array<{ fixes?: Array<{ artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: unknown[] }> }> }>, uri: string) {
  const seen = new Map<string, never>();
  for (const result of results) {
    for (const change of (result.fixes ?? []).flatMap((f) => f.artifactChanges)) {
      if (change.artifactLocation.uri !== uri) continue;
      for (const r of change.replacements) seen.set(JSON.stringify(r), r as never);
    }
  }
  return [...seen.values()];
}
