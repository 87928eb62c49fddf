/**
 * Markdown for a PR comment or `$GITHUB_STEP_SUMMARY`: the counts per rule, what needs a human,
 * the key migration plan, then every diff in a collapsible block. Cut to fit GitHub's
 * 65,536-character limit, most important parts first, with a note of what was cut.
 */
import { fenceFor } from "./changes.js";
import { Budget, GITHUB_BODY_LIMIT } from "./budget.js";
import type { FileReport, Report } from "./model.js";
import { describeTransform } from "./transform-info.js";

/** The markdown; `limit` is GitHub's body limit unless a caller has a smaller one. */
export function renderMarkdown(report: Report, limit = GITHUB_BODY_LIMIT): string {
  const budget = new Budget(limit);
  budget.always(`## ${report.tool.name}\n\n${headline(report)}\n${scope(report)}`);
  budget.always(ruleTable(report));
  budget.section(`\n### Needs review (${report.summary.needsReview})\n\n| where | rule | message |\n| --- | --- | --- |\n`, reviewRows(report), "needs-review rows");
  budget.section(
    `\n### Key migration plan (${report.migrationPlan.length})\n\nRenamed keys hold existing data: move it before deploying (\`redis-codemods migrate-keys --plan report.json\`).\n\n| old key pattern | new key pattern | where | overlaps |\n| --- | --- | --- | --- |\n`,
    report.migrationPlan.map((m) => ({
      text: `| ${code(m.oldPattern)} | ${code(m.newPattern)} | ${code(`${m.file}:${m.line}`)} | ${(m.overlapsWith ?? []).map(code).join(" ")} |\n`,
      name: `${m.file}:${m.line}`,
    })),
    "migration plan rows",
  );
  const problems = report.files.filter((f) => f.status === "error" || f.status === "skipped");
  budget.section(
    `\n### Not processed (${problems.length})\n\n`,
    problems.map((f) => ({ text: `- **${f.status}** ${code(f.path)}: ${inline(f.reason ?? "")}\n`, name: f.path })),
    "not-processed rows",
  );
  const changed = report.files.filter((f) => f.status === "changed" && f.diff);
  budget.section(`\n### ${report.mode === "write" ? "Changed" : "Changes"} (${changed.length} file${changed.length === 1 ? "" : "s"})\n\n`, changed.map(fileDetails), "file diffs");
  budget.section(
    `\n### Generated modules (${report.created.length})\n\n`,
    report.created.map((c) => ({ text: details(`${code(c.path)} — ${c.status} by ${c.transform}`, c.diff), name: c.path })),
    "generated-module diffs",
  );
  return budget.toString();
}

/** One sentence with the counts that decide the PR's fate. */
function headline(report: Report): string {
  const s = report.summary;
  if (!s.changed && !s.created && !s.findings && !s.errors) return `**Nothing to change** in ${plural(s.files, "file")} checked.`;
  const verb = report.mode === "write" ? "changed" : "would change";
  const parts = [`**${plural(s.changed, "file")} ${verb}**`];
  if (s.created) parts.push(`${plural(s.created, "generated module")}`);
  parts.push(`${s.fixed} fixed`, s.needsReview ? `**${s.needsReview} need${s.needsReview === 1 ? "s" : ""} review**` : "0 need review");
  if (s.errors) parts.push(`**${plural(s.errors, "file")} not processed**`);
  return `${parts.join(" · ")} (${plural(s.files, "file")} checked, mode \`${report.mode}\`).`;
}

/** Which files the run looked at. */
function scope(report: Report): string {
  if (!report.since) return "";
  const lines = report.since.changedLinesOnly ? " Findings and rewrites are limited to the changed lines." : "";
  return `\nOnly files changed since ${code(report.since.ref)} (merge base ${code(report.since.mergeBase.slice(0, 12))}).${lines}\n`;
}

/** Counts per rule, with the transforms that contributed. */
function ruleTable(report: Report): string {
  const rules = Object.entries(report.summary.byRule).sort(([a], [b]) => a.localeCompare(b));
  if (!rules.length) return "";
  const findings = report.files.flatMap((f) => f.findings);
  const rows = rules.map(([rule, counts]) => {
    const ids = [...new Set(findings.filter((f) => f.rule === rule).map((f) => f.transform))];
    const names = ids.map((id) => `${code(id)}${describeTransform(id, report).title === id ? "" : ` ${inline(describeTransform(id, report).title)}`}`);
    return `| ${rule} | ${names.join(", ")} | ${counts?.fixed ?? 0} | ${counts?.needsReview ?? 0} |\n`;
  });
  return `\n| rule | transforms | fixed | needs review |\n| --- | --- | ---: | ---: |\n${rows.join("")}`;
}

function reviewRows(report: Report): Array<{ text: string; name: string }> {
  return report.files.flatMap((f) =>
    f.findings
      .filter((x) => !x.fixed)
      .map((x) => ({ text: `| ${code(`${f.path}:${x.line}:${x.column}`)} | ${x.rule} ${code(x.transform)} | ${inline(x.message)} |\n`, name: `${f.path}:${x.line}` })),
  );
}

function fileDetails(f: FileReport): { text: string; name: string } {
  const { added, removed } = lineCounts(f.diff ?? "");
  const fixed = f.findings.filter((x) => x.fixed).length;
  const review = f.findings.length - fixed;
  const counts = [`+${added} −${removed}`, ...(fixed ? [`${fixed} fixed`] : []), ...(review ? [`${review} to review`] : [])].join(", ");
  return { text: details(`${code(f.path)} — ${(f.changedBy ?? []).join(", ")} (${counts})`, f.diff ?? ""), name: f.path };
}

/** A collapsed block holding a diff; the fence is longer than any backtick run inside it. */
export function details(summary: string, diff: string): string {
  const fence = fenceFor(diff);
  // CRLF files put a \r at the end of diff lines; it only gets in the reader's way.
  const text = diff.replace(/\r$/gm, "").replace(/\n$/, "");
  return `<details>\n<summary>${summary}</summary>\n\n${fence}diff\n${text}\n${fence}\n\n</details>\n`;
}

/** Inline code that survives tables and HTML blocks (`|` would end a table cell even inside backticks). */
export function code(text: string): string {
  return `<code>${html(text).replace(/\|/g, "&#124;")}</code>`;
}

/** Plain text for a table cell or a list item: HTML-escaped, on one line, `|` escaped. */
export function inline(text: string): string {
  return html(text).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function lineCounts(diff: string): { added: number; removed: number } {
  const lines = diff.split("\n").filter((l) => !l.startsWith("+++") && !l.startsWith("---"));
  return { added: lines.filter((l) => l.startsWith("+")).length, removed: lines.filter((l) => l.startsWith("-")).length };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
