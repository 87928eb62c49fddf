/**
 * namespace-keys (rule R1): every Redis key goes through the generated `key()` helper, so keys read
 * `<app>:<env>:<entity>:<id>`, and every rewritten site enters the key migration plan.
 * Docs: docs/transforms/namespace-keys.md
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { API, ASTNode, ASTPath, Collection, FileInfo, JSCodeshift, Options } from "jscodeshift";
import { getContext, type TransformContext, type TransformMeta } from "./lib/context.js";
import { readPackageJson, type ResolvedConfig } from "./lib/config.js";
import { dominantQuote, printSource, usesSemicolons } from "./lib/edit/print.js";
import { openFile, type OpenFile } from "./lib/open.js";
import { fileIsEsm, projectStyle, relativeSpecifier } from "./lib/project-style.js";
import { analyzeClients, type ClientInfo, type RedisModel } from "./lib/redis/clients.js";
import { lookupCommand } from "./lib/redis/commands.js";
import { mayUseRedis } from "./lib/redis/prefilter.js";
import { keyParsingHazards, luaHazards } from "./lib/keys/hazards.js";
import { helperImports, importHelpers, insertImportText, isKeyModule } from "./lib/keys/helper-import.js";
import { generateKeyModule, KEY_EXPORTS, missingExports, type KeyExport } from "./lib/keys/module.js";
import { Origins } from "./lib/keys/origins.js";
import { KeyRewriter, type Role } from "./lib/keys/rewriter.js";
import { commandKeySites, importsKeyWrappers, ownWrappers, wrapperCalls, type KeyWrapper } from "./lib/keys/wrappers.js";

const KEY_PREFIX_MESSAGE = "client created with ioredis keyPrefix: the library already prefixes its keys — not namespaced (a second namespace would double-prefix)";
const TYPESCRIPT_TOOLS = ["typescript", "ts-node", "tsx", "@swc/core", "esbuild-register"];

export const meta: TransformMeta = {
  id: "namespace-keys",
  rule: "R1",
  title: "Namespace every key",
  description: "rewrite flat keys (\"user_42\", `user:${id}`, \"cart:\" + id) as key(\"user\", id) calls of a generated helper: <app>:<env>:<entity>:<id>, with a key migration plan",
  // Files that only call a key-passing wrapper of another module (`remember(\`product:${id}\`)`) count too.
  mayApply: (source, file, project) => mayUseRedis(source, file, project) || importsKeyWrappers(source, file, project),
  generateFile: generateKeyModule,
};

interface Site {
  path: ASTPath<any>;
  role: Role;
  client?: ClientInfo;
}

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  const opened = openFile(file, api, options, meta) ?? openWrapperCaller(file, api, options);
  if (!opened) return undefined;
  const { j, root, ctx, model } = opened;
  const quote = dominantQuote(stringLiterals(j, root));
  const print = () => printSource(root, file.source, quote);

  const modulePath = resolve(ctx.config.root, ctx.config.keyModule);
  const imported = helperImports(j, root, file.path, modulePath);
  const origins = new Origins(j, root, model);
  const found = collectSites(j, root, model, origins, ctx, modulePath);
  const rewriter = new KeyRewriter({ j, root, ctx, origins, source: file.source, app: ctx.config.app, lowercaseIds: ctx.config.lowercaseIds, imported: new Set(imported.values()), exportedWrappers: found.wrappers });
  const sites = found.sites;
  rewriter.addPositions(sites.filter((site) => !site.client?.keyPrefix));
  for (const site of sites) {
    if (site.client?.keyPrefix) ctx.report(site.path, KEY_PREFIX_MESSAGE);
    else rewriter.plan(site.path, site.role);
  }
  for (const site of found.reports) ctx.report(site.path, site.message);
  for (const hazard of luaHazards(j, root, model)) ctx.report(hazard.path, hazard.message);
  reportPossibleClients(model, ctx);
  if (rewriter.pending === 0) return ctx.marked ? print() : undefined;

  const blocked = blockedReason(file.path, modulePath, ctx.config, rewriter.needed());
  if (blocked) {
    rewriter.abandon(blocked);
    return ctx.marked ? print() : undefined;
  }
  if (rewriter.rewritesPatterns()) {
    for (const hazard of keyParsingHazards(j, root, origins, ctx.config.app)) ctx.report(hazard.path, hazard.message);
  }
  const specifier = relativeSpecifier(file.path, modulePath, projectStyle(ctx.config.root));
  const names = importHelpers(j, root, { file: file.path, modulePath, specifier, esm: fileIsEsm(file.path, file.source), imported, needed: rewriter.needed(), targets: (name) => rewriter.targets(name) });
  rewriter.apply(names.locals);
  ctx.contribute(modulePath, { exports: [...KEY_EXPORTS] });
  const printed = print();
  return names.inserted ? insertImportText(j, printed, quote, names.inserted, usesSemicolons(file.source)) : printed;
}

/**
 * A file that touches no client itself but calls a key-passing wrapper of another module
 * (`import { remember } from "./cache.js"`): `openFile` passes it by, this opens it.
 */
function openWrapperCaller(file: FileInfo, api: API, options: Options): OpenFile | undefined {
  const ctx = getContext(file, api, options, meta);
  if (!importsKeyWrappers(file.source, file.path, ctx.project)) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  return { j, root, ctx, model: analyzeClients(j, root, file.path, ctx.project, ctx.config.client) };
}

/**
 * The file's string literals as written, for the quote style of new code: counting quotes in the
 * raw text would also count those inside template literals (Lua scripts, SQL) and comments.
 */
function stringLiterals(j: JSCodeshift, root: Collection): string {
  return root
    .find(j.StringLiteral)
    .nodes()
    .map((n) => (n as any).extra?.raw ?? "")
    .join(" ");
}

interface CollectedSites {
  sites: Site[];
  /** Sites reported as they are: batch entries whose keys cannot be located, wrapper calls that cannot be followed. */
  reports: Array<{ path: ASTPath<any>; message: string }>;
  /** The file's exported functions that pass parameters on as keys. */
  wrappers: Map<ASTNode, KeyWrapper>;
}

/**
 * Every key position of a proven client's command, every MATCH pattern of SCAN/KEYS, every key
 * of a batch array, and every argument passed to a key parameter of a wrapper — another
 * module's (`remember(\`product:${id}\`)`) or the file's own exported one.
 */
function collectSites(j: JSCodeshift, root: Collection, model: RedisModel, origins: Origins, ctx: TransformContext, keyModule: string): CollectedSites {
  const sites: Site[] = [];
  const seen = new Set<ASTNode>();
  const add = (path: ASTPath<any> | undefined, role: Role, client?: ClientInfo) => {
    if (!path || seen.has(path.node)) return;
    seen.add(path.node);
    sites.push({ path, role, client });
  };
  const own = commandKeySites(j, root, model, origins);
  const calls = wrapperCalls(j, root, ctx.file, ctx.project, (specifier) => isKeyModule(ctx.file, keyModule, specifier));
  for (const site of [...own.sites, ...calls.sites]) add(site.path, site.role, site.client);
  const shown = relative(ctx.config.root, ctx.file).split(sep).join("/");
  const wrappers = ownWrappers(j, root, [...own.sites.filter((s) => !s.client?.keyPrefix), ...calls.sites], shown);
  for (const site of wrappers.callerSites) add(site.path, site.role);
  const reports = [...own.unlocated, ...calls.unfollowed];
  return { sites, reports, wrappers: wrappers.byFunction };
}

/** Why the file cannot use the key module: it exists without the needed exports, or the file's package cannot load it. */
function blockedReason(file: string, modulePath: string, config: ResolvedConfig, needed: Set<KeyExport>): string | undefined {
  const shown = relative(config.root, modulePath);
  if (existsSync(modulePath)) {
    const missing = missingExports(readFileSync(modulePath, "utf8")).filter((name) => needed.has(name));
    if (missing.length) return `not namespaced: the key module ${shown} exists but does not export ${missing.join(", ")} (it is never overwritten — add them, or set keyModule)`;
  }
  if (!/\.[cm]?tsx?$/.test(modulePath) || /\.[cm]?tsx?$/.test(file)) return undefined;
  const pkg = owningPackage(file);
  const inside = pkg ? relative(config.root, pkg) : "";
  if (!pkg || !inside || inside.startsWith("..") || existsSync(join(pkg, "tsconfig.json"))) return undefined;
  const manifest = readPackageJson(pkg) ?? {};
  const deps = { ...(manifest.dependencies as object), ...(manifest.devDependencies as object) };
  if (TYPESCRIPT_TOOLS.some((t) => t in deps)) return undefined;
  return `not namespaced: this file belongs to package ${manifest.name} (${relative(config.root, join(pkg, "package.json"))}), which runs plain JavaScript and cannot load the TypeScript key module ${shown} — give it its own keyModule (a .js file)`;
}

/** The folder of the nearest package.json that names a package (version-pinning manifests without a name do not count). */
function owningPackage(file: string): string | undefined {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    if (typeof readPackageJson(dir)?.name === "string") return dir;
  }
  return undefined;
}

/** Receivers that look like clients but are not proven, where a key or pattern would be namespaced. */
function reportPossibleClients(model: RedisModel, ctx: TransformContext): void {
  for (const suspect of model.possibleClients()) {
    const spec = lookupCommand(suspect.command);
    const hasKeys = suspect.command === "KEYS" || suspect.command === "SCAN" || Boolean(spec?.keySpecs.some((k) => !k.flags.includes("NOT_KEY")));
    if (hasKeys) ctx.report(suspect.path, `possible Redis client — not rewritten: ${suspect.reason}`);
  }
}
