/**
 * GitHub Actions workflow commands (`::warning file=…,line=…::message`): findings that need review
 * are warnings; rewrites are errors under `--check` (the job fails on them) and notices otherwise.
 * Each rewrite annotation carries the change itself, so the fix shows where the reviewer looks.
 */
import type { Finding } from "../../transforms/lib/context.js";
import { anchorLines, blockDiff, changeBlocks, fixedFindingsOf, repoPath, type ChangeBlock } from "./changes.js";
import type { FileReport, Report } from "./model.js";

type Command = "error" | "warning" | "notice";

/** Changed lines shown per annotation before the rest is elided. */
const MAX_DIFF_LINES = 30;

interface Annotation {
  command: Command;
  properties: Array<[string, string | number]>;
  message: string;
  line: number;
}

/** One workflow command per line. */
export function renderGithub(report: Report): string {
  const lines = [...report.files.flatMap((f) => fileAnnotations(f, report)), ...createdAnnotations(report)].map(format);
  return lines.length ? lines.join("\n") + "\n" : "";
}

/** `%`, CR and LF escaped, as GitHub's runner expects in a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Message escaping plus `:` and `,`, which would end a property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function format(a: Annotation): string {
  const props = a.properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${a.command} ${props}::${escapeData(a.message)}`;
}

/** A file's annotations in line order: its findings and the rewrites no fixed finding explains. */
function fileAnnotations(file: FileReport, report: Report): Annotation[] {
  const path = repoPath(report.gitPrefix, file.path);
  if (file.status === "error") {
    return [{ command: "error", properties: [["file", path], ["title", "redis-codemods: not processed"]], message: file.reason ?? "error", line: 0 }];
  }
  const blocks = changeBlocks(file.diff);
  const covered = new Set<ChangeBlock>();
  const annotations = file.findings.map((finding) => {
    const fixes = blocks.filter((b) => fixedFindingsOf(b, [finding]).length);
    fixes.forEach((b) => covered.add(b));
    return findingAnnotation(finding, fixes, path, report);
  });
  const changedBy = (file.changedBy ?? []).join(", ") || "redis-codemods";
  for (const block of blocks.filter((b) => !covered.has(b))) {
    const lines = anchorLines(block);
    annotations.push({
      command: rewriteCommand(report),
      properties: [["file", path], ["line", lines.start], ["endLine", lines.end], ["title", `${changedBy}: ${rewriteVerb(report)}`]],
      message: `${rewriteVerb(report)}:\n${clip(blockDiff(block))}`,
      line: lines.start,
    });
  }
  return annotations.sort((a, b) => a.line - b.line);
}

function findingAnnotation(finding: Finding, fixes: ChangeBlock[], path: string, report: Report): Annotation {
  const single = finding.line === finding.endLine;
  const properties: Array<[string, string | number]> = [
    ["file", path],
    ["line", Math.max(1, finding.line)],
    ["endLine", Math.max(1, finding.line, finding.endLine)],
    ["col", Math.max(1, finding.column)],
    // GitHub ignores endColumn on multi-line annotations.
    ...(single ? [["endColumn", Math.max(finding.column, finding.endColumn)] as [string, number]] : []),
    ["title", `${finding.rule} ${finding.transform}: ${finding.fixed ? rewriteVerb(report) : "needs review"}`],
  ];
  if (!finding.fixed) return { command: "warning", properties, message: finding.message, line: finding.line };
  const change = fixes.length ? `\n${clip(fixes.map(blockDiff).join("\n"))}` : "";
  return { command: rewriteCommand(report), properties, message: `${finding.message}${change}`, line: finding.line };
}

/** Generated modules have no line to point at: file-less annotations say what would be created. */
function createdAnnotations(report: Report): Annotation[] {
  return report.created.map((c) => ({
    command: rewriteCommand(report),
    properties: [["title", `${c.transform}: generated module`]],
    message: `${report.mode === "write" ? c.status : `would ${c.status === "created" ? "create" : "update"}`} ${repoPath(report.gitPrefix, c.path)}`,
    line: 0,
  }));
}

/** `--check` fails the job on rewrites, so they are errors there; elsewhere they are information. */
function rewriteCommand(report: Report): Command {
  return report.mode === "check" ? "error" : "notice";
}

function rewriteVerb(report: Report): string {
  return report.mode === "write" ? "rewritten" : "would rewrite";
}

function clip(diff: string): string {
  const lines = diff.split("\n");
  return lines.length <= MAX_DIFF_LINES ? diff : [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more lines`].join("\n");
}
