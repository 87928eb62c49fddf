/**
 * keys-to-scan (rule R3): KEYS walks the whole keyspace while every other client waits, so each
 * KEYS on a proven client becomes SCAN, shaped by how the keys are used; O(N) reads of whole
 * hashes, sets, lists and sorted sets are reported. See docs/transforms/keys-to-scan.md.
 */
import type { API, ASTPath, FileInfo, Options } from "jscodeshift";
import type { TransformMeta } from "./lib/context.js";
import { uniqueIdentifier } from "./lib/edit/imports.js";
import { printSource } from "./lib/edit/print.js";
import { isTestFile } from "./lib/paths.js";
import { openFile } from "./lib/open.js";
import { mayUseRedis } from "./lib/redis/prefilter.js";
import { appendHelper, existingHelper, HELPER_NAME, helperText } from "./lib/scan/callbacks.js";
import { luaKeys, type Plan, planKeys, planRead, possibleKeysClients } from "./lib/scan/plan.js";
import { codeStyle, finishPrinted } from "./lib/scan/style.js";

/** Text a file must contain for this transform to find anything in it. */
const MENTIONS = /keys|hgetall|smembers|lrange|zrange|zrevrange/i;

export const meta: TransformMeta = {
  id: "keys-to-scan",
  rule: "R3",
  title: "SCAN instead of KEYS",
  description: "Replaces KEYS with incremental SCAN shaped by how the keys are used (loop, delete, collect, callback); reports O(N) reads of whole hashes, sets and lists",
  mayApply: (source, file, project) => MENTIONS.test(source) && mayUseRedis(source, file, project),
};

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  const opened = openFile(file, api, options, meta);
  if (!opened || (!opened.ctx.includeTests && isTestFile(file.path, opened.ctx.config.root))) return undefined;
  const { j, root, ctx, model } = opened;

  // The callback helper: reused when a previous run added it, else appended once if needed.
  const existing = existingHelper(j, root);
  let added: string | undefined;
  const env = {
    j,
    model,
    style: codeStyle(file.source, file.path),
    source: file.source,
    count: ctx.config.scanCount,
    helper: () => existing ?? (added ??= uniqueIdentifier(j, root, HELPER_NAME)),
  };
  const calls = model.commandCalls();
  const plans: Plan[] = [
    ...calls.filter((c) => c.command === "KEYS").map((c) => planKeys(env, c)),
    ...calls.flatMap((c) => planRead(env, c) ?? []),
    ...possibleKeysClients(model),
    ...luaKeys(j, root),
  ].sort((a, b) => position(a.path) - position(b.path));
  for (const plan of plans) {
    if (plan.apply) ctx.fixed(plan.path, plan.message);
    else ctx.report(plan.path, plan.message);
  }

  const edits = plans.filter((p) => p.apply);
  if (!edits.length) return ctx.marked ? printSource(root, file.source) : undefined;
  // Last site first: an edit never moves code that an earlier site's paths point into.
  const textEdits = [...edits].reverse().flatMap((plan) => plan.apply!() ?? []);
  let printed = finishPrinted(printSource(root, file.source));
  for (const edit of textEdits) printed = edit(printed);
  return added ? appendHelper(printed, helperText(env.style, added, /\b(const|let)\s/.test(file.source))) : printed;
}

function position(path: ASTPath<any>): number {
  return path.node.start ?? 0;
}
