/** Picks the renderer for `--format`. */
import { renderGithub } from "./github.js";
import { renderGithubReview } from "./github-review.js";
import { renderMarkdown } from "./markdown.js";
import type { Report } from "./model.js";
import { renderPretty } from "./pretty.js";
import { renderSarif } from "./sarif.js";

export const FORMATS = ["pretty", "json", "sarif", "github", "markdown", "github-review"] as const;
export type Format = (typeof FORMATS)[number];

export function render(report: Report, format: Format, color: boolean): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  if (format === "sarif") return renderSarif(report);
  if (format === "github") return renderGithub(report);
  if (format === "markdown") return renderMarkdown(report);
  if (format === "github-review") return renderGithubReview(report);
  return renderPretty(report, color);
}
