/**
 * The markdown renderer and the review body on reports built in memory: truncation under GitHub's
 * 65,536-character limit with a note of what was cut, priorities when cutting, and backtick
 * fences inside diffs.
 */
import { unifiedDiff } from "../src/diff.js";
import { GITHUB_BODY_LIMIT } from "../src/report/budget.js";
import { reviewOf } from "../src/report/github-review.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { summarize, type FileReport, type Report } from "../src/report/model.js";
import type { Finding } from "../transforms/lib/context.js";

/** A report over `files`, as run() would summarise it. */
function reportOf(files: FileReport[], extra: Partial<Report> = {}): Report {
  return {
    version: 1,
    tool: { name: "redis-codemods", version: "0.0.0" },
    mode: "check",
    transforms: ["rename-call"],
    root: ".",
    files,
    created: [],
    migrationPlan: [],
    summary: summarize(files, [], 0),
    ...extra,
  };
}

function finding(line: number, fixed: boolean, message = fixed ? "renamed" : "needs a look"): Finding {
  return { rule: "R1", transform: "rename-call", line, column: 1, endLine: line, endColumn: 5, message, fixed };
}

/** A changed file whose diff is about `lines` lines long. */
function changedFile(path: string, lines: number): FileReport {
  const before = Array.from({ length: lines }, (_, i) => `legacyCall(${i}); // ${"x".repeat(40)}`).join("\n") + "\n";
  const after = before.replaceAll("legacyCall", "modernCall");
  return { path, status: "changed", diff: unifiedDiff(path, before, after), changedBy: ["rename-call"], findings: [finding(1, true)] };
}

describe("truncation", () => {
  const files = [
    ...Array.from({ length: 60 }, (_, i) => changedFile(`src/file-${String(i).padStart(3, "0")}.js`, 20)),
    changedFile("src/zz-huge.js", 3000),
    changedFile("src/zz-small.js", 2),
  ];
  files[0].findings.push(...Array.from({ length: 200 }, (_, i) => finding(i + 2, false, `look at ${"this ".repeat(10)}`)));
  const plan = Array.from({ length: 100 }, (_, i) => ({ file: "src/file-000.js", line: i + 1, oldPattern: `user:{id}:${i}`, newPattern: `app:{env}:user:{id}:${i}` }));
  const report = reportOf(files, { migrationPlan: plan });
  const md = renderMarkdown(report);

  it("stays under the limit and names what it cut", () => {
    const untruncated = renderMarkdown(report, Number.MAX_SAFE_INTEGER);
    expect(untruncated.length).toBeGreaterThan(GITHUB_BODY_LIMIT);
    expect(md.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(md).toContain("Cut to stay under GitHub's 65,536-character limit");
    const cutDiffs = Number(/^> - (\d+) file diffs:/m.exec(md)?.[1]);
    const shownDiffs = md.match(/<details>/g)?.length ?? 0;
    expect(cutDiffs + shownDiffs).toBe(files.length);
    expect(md).not.toContain("<code>src/zz-huge.js</code>");
  });

  it("keeps the summary, then review rows and the plan, before diffs", () => {
    expect(md).toContain("| R1 | <code>rename-call</code> | 62 | 200 |");
    expect(md.match(/^\| <code>src\/file-000\.js:\d+:1<\/code>/gm)).toHaveLength(200);
    expect(md.match(/^\| <code>user:\{id\}:\d+<\/code>/gm)).toHaveLength(100);
    expect(md.indexOf("### Changes")).toBeGreaterThan(md.indexOf("### Key migration plan"));
  });

  it("skips a diff too big for what is left but still fits smaller ones after it", () => {
    const small = renderMarkdown(reportOf([changedFile("src/zz-huge.js", 3000), changedFile("src/zz-small.js", 2)]));
    expect(small).toContain("<code>src/zz-small.js</code>");
    expect(small).toMatch(/^> - 1 file diffs: `src\/zz-huge\.js`$/m);
  });

  it("truncates review bodies the same way", () => {
    const review = reviewOf(report);
    expect(review.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(review.body).toContain("Cut to stay under GitHub's");
  });

  it("does not cut what fits", () => {
    const fits = renderMarkdown(reportOf([changedFile("src/a.js", 3)]));
    expect(fits).not.toContain("Cut to stay");
    expect(fits).toContain("<code>src/a.js</code>");
  });
});

describe("fences and escaping", () => {
  it("a diff holding a backtick fence gets a longer fence", () => {
    const before = "const doc = `\n```js\nlegacyCall(1);\n```\n`;\n";
    const file: FileReport = { path: "src/doc.js", status: "changed", diff: unifiedDiff("src/doc.js", before, before.replace("legacyCall", "modernCall")), changedBy: ["rename-call"], findings: [] };
    const md = renderMarkdown(reportOf([file]));
    expect(md).toContain("\n````diff\n");
    const block = md.slice(md.indexOf("````diff"), md.indexOf("</details>"));
    expect(block.trimEnd().endsWith("````")).toBe(true);
    expect(block.slice(8, -5)).toContain("```js");
  });

  it("messages cannot break the table or inject HTML", () => {
    const file: FileReport = { path: "src/a|b.js", status: "unchanged", findings: [finding(1, false, "use <script> | not\nthis")] };
    const md = renderMarkdown(reportOf([file]));
    const row = md.split("\n").find((l) => l.includes("&lt;script&gt;"))!;
    expect(row).toBe("| <code>src/a&#124;b.js:1:1</code> | R1 <code>rename-call</code> | use &lt;script&gt; \\| not this |");
  });

  it("an empty run says there is nothing to change", () => {
    const md = renderMarkdown(reportOf([{ path: "src/a.js", status: "unchanged", findings: [] }]));
    expect(md).toContain("**Nothing to change** in 1 file checked.");
    expect(md).not.toContain("<details>");
  });
});
