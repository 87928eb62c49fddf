/**
 * The frozen JSON report: schema/report.schema.json must accept every report the runner produces
 * (every file status, --since, --changed-lines-only, shards and merged shards, real transforms when
 * registered), reject anything the model does not have, and list exactly the model's fields.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transforms } from "../transforms/registry.js";
import { reportValidator } from "./support/pr-bot.js";
import { ADD_GUARD, makePrRepo, PR_TRANSFORMS } from "./support/pr-repo.js";
import { makeProject, RENAME_CALL, REPO_ROOT, runCli } from "./support/project.js";

const validate = reportValidator();
const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "report.schema.json"), "utf8"));

/** Runs the CLI for a JSON report (exit 0, 1 or 2 with a report on stdout). */
function report(args: string[], cwd: string) {
  const r = runCli([...args, "--format", "json"], cwd);
  expect(r.stdout, r.stderr).toMatch(/^\{/);
  return JSON.parse(r.stdout);
}

function expectValid(value: unknown, label: string): void {
  expect(validate(value), `${label}: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
}

describe("every report the runner produces validates", () => {
  it("pull-request runs: plain, --since, --changed-lines-only, and a real write", () => {
    const repo = makePrRepo();
    expectValid(report([PR_TRANSFORMS, ".", "--dry"], repo.dir), "dry");
    expectValid(report([PR_TRANSFORMS, ".", "--check", "--since", "main"], repo.dir), "check --since");
    expectValid(report([PR_TRANSFORMS, ".", "--dry", "--since", "main", "--changed-lines-only"], repo.dir), "changed-lines-only");
    expectValid(report([PR_TRANSFORMS, ".", "--since", "main"], repo.dir), "write");
  });

  it("skipped and failed files, outside git", () => {
    const dir = makeProject({
      "package.json": "{}",
      "src/ok.js": "legacyCall(1);\nTODO();\n",
      "src/broken.ts": "legacyCall(1;\n",
      "src/throws.js": "legacyCall(); // THROW_IN_TRANSFORM\n",
      "src/bin.js": Buffer.from([0x6c, 0x00, 0x01]),
      "src/min.js": `legacyCall(${"1,".repeat(4000)}1);\n`,
    });
    const r = report([RENAME_CALL, ".", "--dry"], dir);
    expect(new Set(r.files.map((f: { status: string }) => f.status))).toEqual(new Set(["changed", "error", "skipped"]));
    expect(r.gitPrefix).toBeUndefined();
    expectValid(r, "problems");
  });

  it("shards and the report merged from them", () => {
    const files: Record<string, string> = { "package.json": "{}" };
    for (let i = 0; i < 12; i++) files[`src/f${i}.js`] = i % 3 ? "legacyCall(1);\n" : "cache.put(`user:${id}`, 1);\n";
    const dir = makeProject(files);
    const shards = [1, 2].map((i) => report([PR_TRANSFORMS, ".", "--dry", "--shard", `${i}/2`], dir));
    shards.forEach((s, i) => expectValid(s, `shard ${i + 1}`));
    shards.forEach((s, i) => writeFileSync(join(dir, `shard${i + 1}.json`), JSON.stringify(s)));
    const merged = runCli(["merge-reports", "shard1.json", "shard2.json", "--transform-module", RENAME_CALL, "--transform-module", ADD_GUARD], dir);
    expect(merged.code, merged.stderr).toBe(0);
    expectValid(JSON.parse(merged.stdout), "merged");
  });

  it.skipIf(transforms.length === 0)("the shipped transforms on the example app", () => {
    expectValid(report(["all", join(REPO_ROOT, "examples", "legacy-shop"), "--dry"], REPO_ROOT), "all on legacy-shop");
  });
});

describe("the schema is closed where the model is", () => {
  const base = () => report([PR_TRANSFORMS, ".", "--check", "--since", "main"], makePrRepo().dir);
  let sample: any;
  beforeAll(() => {
    sample = base();
  });

  const cases: Array<[string, (r: any) => void]> = [
    ["an unknown top-level field", (r) => (r.extra = 1)],
    ["an unknown tool field", (r) => (r.tool.extra = 1)],
    ["an unknown file field", (r) => (r.files[0].extra = 1)],
    ["an unknown finding field", (r) => (r.files[0].findings[0].extra = 1)],
    ["an unknown summary field", (r) => (r.summary.extra = 1)],
    ["a byRule key that is not a rule", (r) => (r.summary.byRule.R9 = { fixed: 0, needsReview: 0 })],
    ["an unknown status", (r) => (r.files[0].status = "renamed")],
    ["a changed file without its diff", (r) => delete r.files[0].diff],
    ["an unchanged file with a diff", (r) => (r.files[0].status = "unchanged")],
    ["a skipped file without a reason", (r) => Object.assign(r.files[0], { status: "skipped", diff: undefined, changedBy: undefined })],
    ["another version", (r) => (r.version = 2)],
    ["a short merge base", (r) => (r.since.mergeBase = "abc123")],
    ["a line range field too many", (r) => (r.files[0].changedLines[0].extra = 1)],
  ];
  for (const [label, mutate] of cases) {
    it(`rejects ${label}`, () => {
      expectValid(sample, "unmutated");
      const copy = JSON.parse(JSON.stringify(sample));
      mutate(copy);
      expect(validate(JSON.parse(JSON.stringify(copy)))).toBe(false);
    });
  }
});

describe("the schema lists exactly the model's fields", () => {
  const sources = readFileSync(join(REPO_ROOT, "src", "report", "model.ts"), "utf8") + readFileSync(join(REPO_ROOT, "transforms", "lib", "context.ts"), "utf8");
  const where: Record<string, any> = {
    Report: schema,
    FileReport: schema.$defs.fileReport,
    LineRange: schema.$defs.lineRange,
    SinceInfo: schema.properties.since,
    CreatedFileReport: schema.$defs.createdFile,
    MigrationPlanEntry: schema.$defs.migrationPlanEntry,
    RuleSummary: schema.$defs.ruleSummary,
    ReportSummary: schema.$defs.summary,
    Finding: schema.$defs.finding,
  };
  for (const [name, part] of Object.entries(where)) {
    it(name, () => {
      const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(sources)?.[1];
      expect(body, `interface ${name}`).toBeDefined();
      const fields = [...body!.matchAll(/^ {2}(\w+)(\?)?:/gm)];
      expect(Object.keys(part.properties).sort()).toEqual(fields.map((f) => f[1]).sort());
      expect([...(part.required ?? [])].sort()).toEqual(fields.filter((f) => !f[2]).map((f) => f[1]).sort());
      expect(part.additionalProperties).toBe(false);
    });
  }
});
