/**
 * Finds every place a file constructs a Redis client and decides what shared-client does with it:
 * hoist it to the shared module, leave it (a factory, module level, startup code), or leave it and
 * say why (request-dependent options, a blocking or subscriber connection, a loop, ...). Pure
 * analysis: nothing here edits the tree.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { ClientInfo, RedisModel } from "../redis/clients.js";
import { libraryOf } from "../redis/modules.js";
import { calleeName, enclosingFunction, insideLoop, literalString, logicalParent, resolveName } from "./ast.js";
import { callsOf, instantiationsOf, resultOutlivesCall, runsOnce } from "./functions.js";
import { type ClientConfig, type Factory, type Library, clientConfig } from "./options.js";
import { type FactoryKind, type Removal, LISTEN_METHODS, analyzeUses, dedicatedUseOf, escapeOf, isLoggingListener } from "./uses.js";

export type { Removal };

export interface Binding {
  declarator: ASTPath<any>;
  name: string;
  /** Every read of the variable, in source order. */
  refs: ASTPath<any>[];
  /** Statements that only connect, close or log errors of this client: removed with the construction. */
  removals: Removal[];
  /** `await createClient().connect()` in the declarator itself. */
  chainedConnect?: { awaited: boolean };
}

export type Verdict =
  | { kind: "hoist"; binding: Binding; config: ClientConfig }
  | { kind: "stays"; reason: string }
  | { kind: "factory"; perCall: Array<{ path: ASTPath<any>; message: string }> }
  /** `dedicated`: why the client needs its own connection (a subscriber, BLPOP, SELECT...): never a candidate to merge. */
  | { kind: "module-level"; config?: ClientConfig; dedicated?: string }
  | { kind: "once" };

export interface Site {
  path: ASTPath<any>;
  client: ClientInfo;
  library: Library;
  factory: Factory;
  duplicate: boolean;
  verdict: Verdict;
}

const STAYS = " — stays per call";

/** Every client construction in the file with its verdict, in source order. */
export function findSites(j: JSCodeshift, root: Collection, file: string, model: RedisModel): Site[] {
  const sites: Site[] = [];
  const visit = (path: ASTPath<any>) => {
    const found = constructionAt(path, model);
    if (found) sites.push({ ...found, path, verdict: verdictOf(j, root, file, path, found) });
  };
  root.find(j.NewExpression).forEach(visit);
  root.find(j.CallExpression).forEach(visit);
  return sites.sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0));
}

type Construction = Omit<Site, "path" | "verdict">;

/** `new Redis(...)`, `new Redis.Cluster(...)`, `createClient(...)` from redis, `client.duplicate()`. */
function constructionAt(path: ASTPath<any>, model: RedisModel): Construction | undefined {
  const node = path.node;
  const client = model.clientOf(path);
  if (!client) return undefined;
  if (node.type === "NewExpression") return { client, library: "ioredis", factory: client.cluster ? "Cluster" : "Redis", duplicate: false };
  const name = calleeName(node.callee);
  if (name === "duplicate" && node.callee.type !== "Identifier") {
    return { client, library: client.flavour === "ioredis" ? "ioredis" : "node-redis", factory: client.flavour === "ioredis" ? (client.cluster ? "Cluster" : "Redis") : "createClient", duplicate: true };
  }
  if ((name === "createClient" || name === "createCluster") && client.flavour !== "ioredis" && calledFromRedisLibrary(path)) {
    return { client, library: "node-redis", factory: name, duplicate: false };
  }
  return undefined;
}

/** The callee comes from `redis`/`@redis/client` itself, not from a project function of the same name. */
function calledFromRedisLibrary(path: ASTPath<any>): boolean {
  const callee = path.node.callee;
  const base = callee.type === "Identifier" ? path.get("callee") : callee.object?.type === "Identifier" ? path.get("callee", "object") : undefined;
  if (!base) return false;
  const declaration = resolveName(base, base.node.name);
  const node = declaration?.declarator?.node;
  if (node?.type === "ImportDeclaration") return libraryOf(String(node.source.value)) === "redis";
  let init = node?.type === "VariableDeclarator" ? node.init : undefined;
  while (init && (init.type === "MemberExpression" || init.type === "AwaitExpression")) init = init.type === "AwaitExpression" ? init.argument : init.object;
  const loaded = init?.type === "CallExpression" || init?.type === "ImportExpression" ? literalString(init.arguments?.[0] ?? init.source) : undefined;
  return loaded !== undefined && libraryOf(loaded) === "redis";
}

function verdictOf(j: JSCodeshift, root: Collection, file: string, path: ASTPath<any>, c: Construction): Verdict {
  const fn = enclosingFunction(path);
  const inClassField = !fn && hasAncestor(path, "ClassProperty");
  if (!fn && !inClassField) {
    const config = c.duplicate ? undefined : clientConfig(j, path, c.library, c.factory, undefined, file);
    const declarator = moduleBinding(climbChain(path).top);
    const dedicated = declarator ? dedicatedUseOf(j, root, declarator) : undefined;
    return { kind: "module-level", config: config?.ok ? config.config : undefined, dedicated };
  }
  const chain = climbChain(path);
  const context = inClassField ? { factory: "stores-this" as const } : bindingContext(chain.top, fn!);
  if ("factory" in context) return factoryVerdict(j, root, path, fn, context.factory);
  if (runsOnce(j, root, fn!)) return { kind: "once" };
  if ("problem" in context) return stays(c, context.problem);
  if (chain.problem) return stays(c, chain.problem);
  if (insideLoop(path, fn!)) return stays(c, "client created in a loop");
  const uses = analyzeUses(j, context.declarator, fn!);
  if ("factory" in uses) return factoryVerdict(j, root, path, fn, uses.factory);
  const config = c.duplicate ? undefined : clientConfig(j, path, c.library, c.factory, context.declarator.node.id.name, file);
  if (config && !config.ok) return stays(c, config.reason);
  if (uses.problem) return stays(c, uses.problem);
  if (c.duplicate || !config?.ok) return stays(c, "duplicate() opens a second connection on every call; use the client it duplicates");
  const binding: Binding = { declarator: context.declarator, name: context.declarator.node.id.name, refs: uses.refs, removals: uses.removals, chainedConnect: chain.connect };
  return { kind: "hoist", binding, config: config.config };
}

function stays(c: Construction, reason: string): Verdict {
  return { kind: "stays", reason: (c.duplicate && !reason.startsWith("duplicate") ? `duplicate() for a ${reason.replace(/^dedicated /, "")}` : reason) + STAYS };
}

/**
 * The declarator of the module-level variable that holds the client: `const sub = createClient()`,
 * or `let sub; ... sub = createClient()` at module level.
 */
function moduleBinding(top: ASTPath<any>): ASTPath<any> | undefined {
  const { parent, child } = logicalParent(top);
  const node = parent?.node;
  if (node?.type === "VariableDeclarator" && node.init === child.node) return node.id.type === "Identifier" ? parent : undefined;
  if (node?.type === "AssignmentExpression" && node.right === child.node && node.left.type === "Identifier") {
    const declaration = resolveName(parent!, node.left.name);
    return declaration?.moduleLevel && declaration.declarator?.node.type === "VariableDeclarator" ? declaration.declarator : undefined;
  }
  return undefined;
}

function hasAncestor(path: ASTPath<any>, type: string): boolean {
  for (let p = path.parent; p; p = p.parent) if (p.node.type === type) return true;
  return false;
}


/**
 * `createClient().connect()` and `.on("error", log)` chained on the construction.
 * Before: `const c = await createClient({ url }).on("error", log).connect();`
 */
function climbChain(path: ASTPath<any>): { top: ASTPath<any>; connect?: { awaited: boolean }; problem?: string } {
  let top = path;
  let connect: { awaited: boolean } | undefined;
  for (;;) {
    const member = top.parent;
    const call = member?.parent;
    if (member?.node.type !== "MemberExpression" || member.node.object !== top.node || call?.node.type !== "CallExpression" || call.node.callee !== member.node) break;
    const method = calleeName(member.node);
    if (method === "connect") connect = { awaited: call.parent?.node.type === "AwaitExpression" };
    else if (!(method && LISTEN_METHODS.has(method) && literalString(call.node.arguments[0]) === "error" && isLoggingListener(call.node.arguments[1]))) {
      return { top, problem: `client used inline (\`.${method ?? "?"}()\` on the construction)` };
    }
    top = call;
  }
  if (connect?.awaited) top = top.parent!;
  return { top, connect };
}

type Context = { declarator: ASTPath<any> } | { factory: FactoryKind } | { problem: string };

/** Where the constructed client goes: a local variable, a return, a long-lived holder, a call. */
function bindingContext(top: ASTPath<any>, fn: ASTPath<any>): Context {
  const { parent, child } = logicalParent(top);
  const node = parent?.node;
  if (!node) return { problem: "client used in a way the transform cannot follow" };
  if (node.type === "VariableDeclarator" && node.init === child.node) {
    return node.id.type === "Identifier" ? { declarator: parent! } : { problem: "client destructured" };
  }
  return escapeOf(parent!, child, fn) ?? { problem: "client not bound to a local variable" };
}


/** A factory is left alone; it is reported where it runs per request (a call, or `new Class()` for constructors). */
function factoryVerdict(j: JSCodeshift, root: Collection, path: ASTPath<any>, fn: ASTPath<any> | undefined, kind: FactoryKind): Verdict {
  if (kind === "stores-module" || kind === "registers") return { kind: "factory", perCall: [] };
  const cls = kind === "stores-this" ? classOf(path) : undefined;
  const uses = cls ? instantiationsOf(j, root, cls) : fn && kind === "returns" ? callsOf(j, root, fn) : [];
  const label = cls ? `new ${cls.node.id?.name ?? "?"}()` : fn ? `${functionLabel(fn)}()` : "?";
  const perCall = uses
    .filter((use) => {
      const caller = enclosingFunction(use);
      return caller && caller.node !== fn?.node && !runsOnce(j, root, caller) && !resultOutlivesCall(use);
    })
    .map((use) => ({ path: use, message: `\`${label}\` creates a new Redis client on every call, and this code runs per call — create it once or import the shared client` }));
  return { kind: "factory", perCall };
}

function classOf(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let p = path.parent; p; p = p.parent) if (p.node.type === "ClassDeclaration" || p.node.type === "ClassExpression") return p;
  return undefined;
}

function functionLabel(fn: ASTPath<any>): string {
  if (fn.node.id?.name) return fn.node.id.name;
  const parent = fn.parent?.node;
  return parent?.type === "VariableDeclarator" && parent.id.type === "Identifier" ? parent.id.name : "factory";
}
