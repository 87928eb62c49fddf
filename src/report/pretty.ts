/** Human-readable rendering: diffs (dry/check), follow-ups that need a human, the migration plan, a summary. */
import { createColors } from "picocolors";
import type { Report } from "./model.js";

type Colors = ReturnType<typeof createColors>;

export function renderPretty(report: Report, color: boolean): string {
  const c = createColors(color);
  const out: string[] = [];
  const showDiffs = report.mode === "dry" || report.mode === "check";
  for (const f of report.files) {
    if (f.status !== "changed") continue;
    out.push(showDiffs && f.diff ? colorDiff(f.diff, c) : `${c.green("changed")} ${f.path} ${c.dim(`(${(f.changedBy ?? []).join(", ")})`)}`);
  }
  for (const created of report.created) {
    out.push(showDiffs ? colorDiff(created.diff, c) : `${c.green(created.status)} ${created.path} ${c.dim(`(${created.transform})`)}`);
  }
  const review = report.files.flatMap((f) => f.findings.filter((x) => !x.fixed).map((x) => ({ path: f.path, ...x })));
  if (review.length) {
    out.push(c.bold(c.yellow(`\nNeeds review (${review.length}):`)));
    for (const r of review) out.push(`  ${r.path}:${r.line}:${r.column}  ${c.cyan(`${r.rule} ${r.transform}`)}  ${r.message}`);
  }
  const problems = report.files.filter((f) => f.status === "error" || f.status === "skipped");
  if (problems.length) {
    out.push(c.bold("\nNot processed:"));
    for (const p of problems) out.push(`  ${p.status === "error" ? c.red("error") : c.dim("skipped")} ${p.path}: ${p.reason ?? ""}`);
  }
  if (report.migrationPlan.length) {
    out.push(c.bold(`\nKey migration plan (${report.migrationPlan.length}) — existing data must be moved (redis-codemods migrate-keys):`));
    for (const m of report.migrationPlan) {
      const overlap = m.overlapsWith ? c.yellow(`  overlaps ${m.overlapsWith.join(", ")}`) : "";
      out.push(`  ${m.oldPattern} → ${m.newPattern}  ${c.dim(`${m.file}:${m.line}`)}${overlap}`);
    }
  }
  out.push(`\n${summaryLine(report, c)}`);
  return out.join("\n") + "\n";
}

function summaryLine(report: Report, c: Colors): string {
  const s = report.summary;
  const verb = report.mode === "write" ? "changed" : "would change";
  const parts = [
    `${s.files} files: ${c.green(`${s.changed} ${verb}`)}, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.errors ? c.red(`${s.errors} errors`) : "0 errors"}`,
    `${s.fixed} fixed, ${s.needsReview ? c.yellow(`${s.needsReview} need review`) : "0 need review"}`,
  ];
  if (s.created) parts.push(`${s.created} generated module${s.created === 1 ? "" : "s"}`);
  return `${parts.join("; ")} ${c.dim(`(${s.durationMs} ms)`)}`;
}

function colorDiff(diff: string, c: Colors): string {
  return diff
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return c.bold(line);
      if (line.startsWith("@@")) return c.cyan(line);
      if (line.startsWith("+")) return c.green(line);
      if (line.startsWith("-")) return c.red(line);
      return line;
    })
    .join("\n");
}
