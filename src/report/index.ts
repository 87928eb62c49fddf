/** Picks the renderer for `--format`. */
import type { Report } from "./model.js";
import { renderPretty } from "./pretty.js";

export const FORMATS = ["pretty", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function render(report: Report, format: Format, color: boolean): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  return renderPretty(report, color);
}
