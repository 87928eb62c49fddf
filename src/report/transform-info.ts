/**
 * What a renderer can say about a transform id: the registry's `meta` for shipped transforms; for
 * a custom transform (a module given by path) only its id and the rule its findings carry.
 */
import type { RuleId } from "../../transforms/lib/context.js";
import { findTransform } from "../../transforms/registry.js";
import type { Report } from "./model.js";

export interface TransformInfo {
  id: string;
  rule?: RuleId;
  title: string;
  description: string;
  /** True for shipped transforms, which have a doc at `docs/transforms/<id>.md`. */
  documented: boolean;
}

/** Every transform the report mentions (run, changed a file, found something, generated a module), in first-seen order. */
export function transformsOf(report: Report): TransformInfo[] {
  const ids = [
    ...report.transforms,
    ...report.files.flatMap((f) => [...(f.changedBy ?? []), ...f.findings.map((x) => x.transform)]),
    ...report.created.map((c) => c.transform),
  ];
  return [...new Set(ids)].map((id) => describeTransform(id, report));
}

/** The registry's description of `id`, or a generic one for a custom transform. */
export function describeTransform(id: string, report: Report): TransformInfo {
  const meta = findTransform(id)?.meta;
  if (meta) return { id, rule: meta.rule, title: meta.title, description: meta.description, documented: true };
  const rule = report.files.flatMap((f) => f.findings).find((f) => f.transform === id)?.rule;
  return { id, rule, title: id, description: `Custom transform ${id} (not shipped with ${report.tool.name}).`, documented: false };
}
