/**
 * The start every Redis transform shares: context, text prefilter, parse, client model. A file
 * that does not touch Redis is still opened when it holds possible clients, so they get reported.
 */
import type { API, Collection, FileInfo, JSCodeshift, Options } from "jscodeshift";
import { getContext, type TransformContext, type TransformMeta } from "./context.js";
import { analyzeClients, type RedisModel } from "./redis/clients.js";
import { allowOptionalCatchBinding } from "./upstream-workarounds.js";

export interface OpenFile {
  j: JSCodeshift;
  root: Collection;
  ctx: TransformContext;
  model: RedisModel;
}

/** The parsed file and its client model, or undefined when the transform has nothing to look at. */
export function openFile(file: FileInfo, api: API, options: Options, meta: TransformMeta): OpenFile | undefined {
  const ctx = getContext(file, api, options, meta);
  // Under the plain jscodeshift CLI nothing prefiltered the file; under our runner this is a repeat of a cheap test.
  if (meta.mayApply && !meta.mayApply(file.source, file.path, ctx.project)) return undefined;
  // Under the plain jscodeshift CLI no parser of ours ran first to install it.
  allowOptionalCatchBinding();
  const j = api.jscodeshift;
  const root = j(file.source);
  const model = analyzeClients(j, root, file.path, ctx.project, ctx.config.client);
  if (!model.touchesRedis && !model.possibleClients().length) return undefined;
  return { j, root, ctx, model };
}
