/**
 * GitHub workflow-command escaping (unit and through the CLI with hostile file names and
 * messages), and review suggestions on hand-made diffs: top-of-file insertions, fences inside
 * suggested code, blocks only partly on the PR's lines.
 */
import { join } from "node:path";
import { unifiedDiff } from "../src/diff.js";
import { escapeData, escapeProperty } from "../src/report/github.js";
import { reviewOf } from "../src/report/github-review.js";
import { summarize, type FileReport, type Report } from "../src/report/model.js";
import { makeProject, runCli } from "./support/project.js";

describe("escaping", () => {
  it("data escapes %, CR and LF; properties also : and ,", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext%3A a%2C b");
  });

  it("round-trips through percent-decoding, whatever the text", () => {
    const samples = ["%0A literal", "a:b,c%d", "\r\n\n\r", "%%%", "ü, 😀: x%2C"];
    for (const text of samples) {
      expect(decodeURIComponent(escapeData(text))).toBe(text);
      expect(decodeURIComponent(escapeProperty(text))).toBe(text);
      expect(escapeProperty(text)).not.toMatch(/[:,\r\n]/);
      expect(escapeData(text)).not.toMatch(/[\r\n]/);
    }
  });

  it("the CLI escapes file names and messages in real annotations", () => {
    const transform = [
      "export const meta = { id: 'odd-finding', rule: 'R3', title: 'odd', description: 'test-only' };",
      "export default function transform(file, api, options) {",
      "  options.redisCodemods.sink.findings.push({ rule: 'R3', transform: 'odd-finding', line: 1, column: 1, endLine: 1, endColumn: 2, message: '50% of keys:\\r\\nscan, then delete', fixed: false });",
      "}",
    ].join("\n");
    const dir = makeProject({ "package.json": "{}", "odd.mjs": transform, "src/a,b:c%.js": "x();\n" });
    const r = runCli([join(dir, "odd.mjs"), "src", "--dry", "--format", "github"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("::warning file=src/a%2Cb%3Ac%25.js,line=1,endLine=1,col=1,endColumn=2,title=R3 odd-finding%3A needs review::50%25 of keys:%0D%0Ascan, then delete\n");
  });
});

/** A one-file report whose PR changed `changedLines` and whose codemod turns `before` into `after`. */
function review(before: string, after: string, changedLines: Array<{ start: number; end: number }>) {
  const file: FileReport = { path: "src/a.js", status: "changed", diff: unifiedDiff("src/a.js", before, after), changedBy: ["t"], findings: [], changedLines };
  const report: Report = {
    version: 1,
    tool: { name: "redis-codemods", version: "0.0.0" },
    mode: "check",
    transforms: ["t"],
    root: ".",
    files: [file],
    created: [],
    migrationPlan: [],
    summary: summarize([file], [], 0),
    gitPrefix: "app/",
    since: { ref: "main", mergeBase: "0".repeat(40), changedLinesOnly: false },
  };
  return reviewOf(report);
}

describe("review suggestions", () => {
  it("an insertion at the top of a file anchors on the first line and repeats it after the new lines", () => {
    const r = review("a();\nb();\n", "import x;\na();\nb();\n", [{ start: 1, end: 2 }]);
    expect(r.comments).toEqual([{ path: "app/src/a.js", line: 1, side: "RIGHT", body: "**redis-codemods** (t): suggested rewrite\n\n```suggestion\nimport x;\na();\n```" }]);
  });

  it("a multi-line replacement spans start_line..line", () => {
    const r = review("a();\nb();\nc();\n", "a();\nB();\nC();\n", [{ start: 2, end: 3 }]);
    expect(r.comments).toEqual([expect.objectContaining({ start_line: 2, start_side: "RIGHT", line: 3 })]);
  });

  it("a block only partly on the PR's lines goes into the body, not half into a suggestion", () => {
    const r = review("a();\nb();\nc();\n", "a();\nB();\nC();\n", [{ start: 3, end: 3 }]);
    expect(r.comments).toEqual([]);
    expect(r.body).toContain("<summary><code>app/src/a.js:2-3</code> — t</summary>");
    expect(r.body).toContain("-b();\n-c();\n+B();\n+C();");
  });

  it("suggested code holding a backtick fence gets a longer fence", () => {
    const r = review("const s = 1;\n", "const s = `\n```\n`;\n", [{ start: 1, end: 1 }]);
    expect(r.comments[0].body.endsWith("````suggestion\nconst s = `\n```\n`;\n````")).toBe(true);
  });
});
