/**
 * The JSON body of a pull-request review (POST /repos/{owner}/{repo}/pulls/{n}/reviews): one
 * `suggestion` comment per change block whose lines the PR itself added or modified, anchored on
 * the right side of the PR diff (`changedLines`, from `--since`). Blocks elsewhere, findings that
 * need review and generated modules go into the review body, since GitHub only accepts comments
 * on lines of the PR diff.
 */
import { anchorLines, anchorText, blockDiff, changeBlocks, fenceFor, fixedFindingsOf, oldEnd, repoPath, shown, within, type ChangeBlock } from "./changes.js";
import { Budget, GITHUB_BODY_LIMIT } from "./budget.js";
import { code, details, inline } from "./markdown.js";
import type { FileReport, Report } from "./model.js";

export interface ReviewComment {
  path: string;
  /** Last line the suggestion replaces (right side of the PR diff). */
  line: number;
  side: "RIGHT";
  /** First line, for a suggestion over several lines. */
  start_line?: number;
  start_side?: "RIGHT";
  body: string;
}

export interface Review {
  event: "COMMENT";
  body: string;
  comments: ReviewComment[];
}

/** A suggestion: replace lines `start`..`end` of the PR's head version with `text`. */
export interface Suggestion {
  start: number;
  end: number;
  text: string;
}

interface Outside {
  file: FileReport;
  block: ChangeBlock;
}

/** The review as JSON text. */
export function renderGithubReview(report: Report): string {
  return JSON.stringify(reviewOf(report), null, 2) + "\n";
}

/** The review: suggestions on the PR's changed lines, everything else summarised in the body. */
export function reviewOf(report: Report, limit = GITHUB_BODY_LIMIT): Review {
  const comments: ReviewComment[] = [];
  const outside: Outside[] = [];
  for (const file of report.files.filter((f) => f.status === "changed")) {
    const path = repoPath(report.gitPrefix, file.path);
    for (const block of changeBlocks(file.diff)) {
      const suggestion = suggestionFor(block);
      if (suggestion && within({ start: suggestion.start, end: suggestion.end }, file.changedLines ?? [])) comments.push(comment(path, suggestion, block, file));
      else outside.push({ file, block });
    }
  }
  return { event: "COMMENT", body: reviewBody(report, comments.length, outside, limit), comments };
}

/**
 * The lines a block replaces and their replacement. A pure insertion cannot be anchored on
 * nothing, so it takes in the line before it (the first line when inserting at the top).
 */
export function suggestionFor(block: ChangeBlock): Suggestion | undefined {
  const added = block.added.map(shown);
  if (block.removed.length) return { start: block.oldStart, end: oldEnd(block), text: added.join("\n") };
  const anchor = anchorText(block);
  if (!anchor) return undefined;
  const line = anchorLines(block).start;
  const lines = anchor.position === "before" ? [shown(anchor.line), ...added] : [...added, shown(anchor.line)];
  return { start: line, end: line, text: lines.join("\n") };
}

function comment(path: string, suggestion: Suggestion, block: ChangeBlock, file: FileReport): ReviewComment {
  const why = explain(block, file);
  // An empty suggestion deletes the lines; a blank line inside the fence would leave one behind.
  const fence = fenceFor(suggestion.text);
  const body = `${why}\n\n${fence}suggestion\n${suggestion.text ? `${suggestion.text}\n` : ""}${fence}`;
  const range = suggestion.start < suggestion.end ? { start_line: suggestion.start, start_side: "RIGHT" as const } : {};
  return { path, line: suggestion.end, side: "RIGHT", ...range, body };
}

/** The fixed findings behind a block, or the transforms that changed the file. */
function explain(block: ChangeBlock, file: FileReport): string {
  const reasons = fixedFindingsOf(block, file.findings).map((f) => `**${f.rule} ${f.transform}**: ${inline(f.message)}`);
  if (reasons.length) return [...new Set(reasons)].join("\n");
  return `**redis-codemods** (${blockTransforms(block, file)}): suggested rewrite`;
}

/** The transforms behind a block: those of its fixed findings, else every transform that changed the file. */
function blockTransforms(block: ChangeBlock, file: FileReport): string {
  const ids = fixedFindingsOf(block, file.findings).map((f) => f.transform);
  return [...new Set(ids.length ? ids : (file.changedBy ?? []))].join(", ");
}

function reviewBody(report: Report, suggestions: number, outside: Outside[], limit: number): string {
  const budget = new Budget(limit);
  const review = report.files.flatMap((f) => f.findings.filter((x) => !x.fixed).map((x) => ({ file: f, finding: x })));
  const errors = report.files.filter((f) => f.status === "error");
  budget.always(`### ${report.tool.name}\n\n${intro(report, suggestions, outside.length, review.length)}\n`);
  budget.section(
    `\n**Changes outside the lines this PR changed** — not suggestable here; apply them with the codemod:\n\n`,
    outside.map(({ file, block }) => {
      const lines = anchorLines(block);
      const where = `${repoPath(report.gitPrefix, file.path)}:${lines.start}${lines.end > lines.start ? `-${lines.end}` : ""}`;
      return { text: details(`${code(where)} — ${blockTransforms(block, file)}`, blockDiff(block)), name: where };
    }),
    "changes outside the PR's lines",
  );
  budget.section(
    `\n**Needs review** — left unchanged:\n\n`,
    review.map(({ file, finding }) => {
      const where = `${repoPath(report.gitPrefix, file.path)}:${finding.line}`;
      return { text: `- ${code(where)} ${finding.rule} ${code(finding.transform)}: ${inline(finding.message)}\n`, name: where };
    }),
    "needs-review items",
  );
  budget.section(
    `\n**Generated modules** to add with the rewrites:\n\n`,
    report.created.map((c) => ({ text: details(`${code(repoPath(report.gitPrefix, c.path))} — ${c.status} by ${c.transform}`, c.diff), name: c.path })),
    "generated modules",
  );
  budget.section(
    `\n**Not processed**:\n\n`,
    errors.map((f) => ({ text: `- ${code(repoPath(report.gitPrefix, f.path))}: ${inline(f.reason ?? "")}\n`, name: f.path })),
    "files not processed",
  );
  return budget.toString();
}

function intro(report: Report, suggestions: number, outside: number, review: number): string {
  if (!suggestions && !outside && !review && !report.created.length && !report.summary.errors) return "Nothing to change on this pull request's files.";
  const parts = [`${suggestions} suggestion${suggestions === 1 ? "" : "s"} on this PR's changed lines`];
  if (outside) parts.push(`${outside} change${outside === 1 ? "" : "s"} elsewhere in the touched files`);
  if (review) parts.push(`${review} finding${review === 1 ? "" : "s"} to review`);
  const scope = report.since ? ` (files changed since ${code(report.since.ref)})` : " (run without `--since`: no PR lines known, so nothing is suggested inline)";
  return `${parts.join(", ")}${scope}.`;
}
