/**
 * shared-client (rule R4): a Redis client constructed inside a function that runs per call moves
 * to one module-level client in a generated shared module, which the function imports; per-call
 * connect/quit go with it. See docs/transforms/shared-client.md.
 */
import { relative, resolve, sep } from "node:path";
import type { API, ASTPath, FileInfo, Options } from "jscodeshift";
import type { TransformContext, TransformMeta } from "./lib/context.js";
import { printSource } from "./lib/edit/print.js";
import { isTestFile } from "./lib/paths.js";
import { fileIsEsm, projectStyle, relativeSpecifier } from "./lib/project-style.js";
import { openFile } from "./lib/open.js";
import { nodeRedisFlavour } from "./lib/redis/modules.js";
import { mayUseRedis } from "./lib/redis/prefilter.js";
import { applyHoists, type Hoist } from "./lib/shared-client/edits.js";
import { type ClientEntry, generateClientModule, moduleShape, readyName } from "./lib/shared-client/module.js";
import { loadPlan, type Plan } from "./lib/shared-client/plan.js";
import { compactRequires, markAsiHazards, restoreAsiGuards } from "./lib/shared-client/print.js";
import { findSites, type Site } from "./lib/shared-client/sites.js";

/** Text every file that constructs a client contains. */
const CONSTRUCTION_TEXT = /new\s+[\w$.]*\s*\(|create(?:Client|Cluster)\s*\(|\.duplicate\s*\(/;

export const meta: TransformMeta = {
  id: "shared-client",
  rule: "R4",
  title: "One Redis client per process",
  description: "Moves Redis clients built per request (new Redis(), createClient()) to one shared module-level client and drops per-request connect/quit",
  mayApply: (source, file, project) => CONSTRUCTION_TEXT.test(source) && mayUseRedis(source, file, project),
  generateFile: generateClientModule,
};

interface Note {
  path: ASTPath<any>;
  fixed: boolean;
  message: string;
}

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  const opened = openFile(file, api, options, meta);
  if (!opened) return undefined;
  const { j, root, ctx, model } = opened;
  const modulePath = resolve(ctx.config.root, ctx.config.clientModule);
  if (resolve(file.path) === modulePath || (!ctx.includeTests && isTestFile(file.path, ctx.config.root))) return undefined;
  const sites = findSites(j, root, file.path, model);
  if (!sites.length) return undefined;

  const plan = loadPlan(ctx.config, ctx.project, ctx.includeTests, ctx.runFiles);
  const shown = relative(ctx.config.root, modulePath).split(sep).join("/");
  const notes: Note[] = [];
  const hoists: Array<Hoist & { site: Site }> = [];
  for (const site of sites) {
    const hoist = site.verdict.kind === "hoist" ? hoistOf(ctx, site, plan, modulePath, file) : undefined;
    if (typeof hoist === "string") notes.push({ path: site.path, fixed: false, message: hoist });
    else if (hoist) {
      hoists.push(hoist);
      notes.push({ path: site.path, fixed: true, message: `client built per call replaced by the shared client \`${hoist.exportName}\` from ${shown}` });
      for (const secret of site.verdict.kind === "hoist" ? site.verdict.config.secrets : []) {
        notes.push({ path: site.path, fixed: false, message: `${secret} moved as-is to ${shown} — read it from an environment variable` });
      }
    } else notes.push(...notesFor(site, plan, shown));
  }
  for (const n of notes.sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0))) {
    if (n.fixed) ctx.fixed(n.path, n.message);
    else ctx.report(n.path, n.message);
  }
  if (!hoists.length) return ctx.marked ? printSource(root, file.source) : undefined;

  for (const h of hoists) {
    ctx.contribute(modulePath, entryOf(h));
    // Transforms after this one in the same run must see the import of the shared module as a client.
    const client = { ...h.site.client, proof: `shared client exported from ${shown}` };
    ctx.project.declare(modulePath, { [h.exportName]: { kind: "client", client, proof: client.proof } });
  }
  const style = projectStyle(ctx.config.root);
  // .mjs/.cjs modules are only found with their extension, whatever the project's resolution.
  const specifier = relativeSpecifier(file.path, modulePath, { ...style, explicitExtension: style.explicitExtension || /\.[cm][jt]s$/.test(modulePath) });
  const esm = fileIsEsm(file.path, file.source);
  applyHoists(j, root, hoists, specifier, esm, [...new Set(hoists.map((h) => constructorName(h.site)))]);
  markAsiHazards(j, root, file.source);
  if (!esm) compactRequires(j, root, specifier, file.source);
  return restoreAsiGuards(printSource(root, file.source), file.source);
}

/** The hoist for a site the analysis cleared, or why this project's shared module cannot take it. */
function hoistOf(ctx: TransformContext, site: Site, plan: Plan, modulePath: string, file: FileInfo): (Hoist & { site: Site }) | string | undefined {
  if (site.verdict.kind !== "hoist") return undefined;
  const { binding, config } = site.verdict;
  const shape = moduleShape(modulePath, ctx.config.root);
  const connects = site.library === "node-redis" && site.client.flavour === "node-redis";
  if (site.library === "node-redis") {
    const there = nodeRedisFlavour(modulePath, ctx.config.client);
    const differs = there.flavour !== site.client.flavour || (there.major !== undefined && site.client.major !== undefined && (there.major >= 5) !== (site.client.major >= 5));
    if (differs) return `the shared module resolves another node-redis version (v${there.major ?? "?"}) than this file (v${site.client.major ?? "?"}) — stays per call`;
  }
  if (connects && shape.esm && !fileIsEsm(file.path, file.source)) {
    return "the shared module connects with top-level await, which a CommonJS file cannot require() — stays per call";
  }
  const exportName = plan.nameOf(config.key, config.names);
  const awaitsConnect = binding.chainedConnect?.awaited || binding.removals.some((r) => r.connect?.awaited);
  return { site, binding, exportName, readyName: connects && !shape.esm && awaitsConnect ? readyName(exportName) : undefined };
}

/** Findings for a site that stays: why it stays, factories called per request, module-level twins of a shared client. */
function notesFor(site: Site, plan: Plan, shown: string): Note[] {
  const v = site.verdict;
  if (v.kind === "stays") return [{ path: site.path, fixed: false, message: v.reason }];
  if (v.kind === "factory") return v.perCall.map((p) => ({ path: p.path, fixed: false, message: p.message }));
  if (v.kind === "module-level" && v.config && !v.dedicated) {
    const twin = plan.known(v.config.key);
    if (twin) return [{ path: site.path, fixed: false, message: `module-level client with the same configuration as the shared client \`${twin}\` in ${shown} — candidate to merge` }];
  }
  return [];
}

function entryOf(h: Hoist & { site: Site }): ClientEntry {
  const config = h.site.verdict.kind === "hoist" ? h.site.verdict.config : undefined;
  return {
    name: h.exportName,
    key: config!.key,
    library: h.site.library,
    legacy: h.site.client.flavour === "node-redis-legacy",
    cluster: h.site.client.cluster,
    args: config!.args,
  };
}

/** The imported name the construction reads: `Redis` in `new Redis.Cluster()`, `redis` in `redis.createClient()`. */
function constructorName(site: Site): string {
  let callee = site.path.node.callee;
  while (callee.type === "MemberExpression") callee = callee.object;
  return callee.type === "Identifier" ? callee.name : "";
}
