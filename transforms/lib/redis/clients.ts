/**
 * The client model (SPEC §4): which expressions in a file are *proven* Redis clients, which calls
 * on them are Redis commands, and which receivers only look like clients. Transforms rewrite only
 * what this model proves; everything it merely suspects is reported.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { commandFromMethod, keyArgumentNodes, type KeyArguments } from "./commands.js";
import { type Flavour, IOREDIS_CLIENT_TYPES, NODE_REDIS_CLIENT_TYPES, declaresRedisLibrary, libraryOf, nodeRedisFlavour } from "./modules.js";
import type { ExportedSymbol, ProjectIndex } from "./project.js";

export interface ClientInfo {
  flavour: Flavour;
  /** node-redis major version when known (4 and 5+ differ in SCAN shapes). */
  major?: number;
  cluster: boolean;
  /** Human-readable reason the receiver is a client, for `inspect` and findings. */
  proof: string;
  /** node-redis v4 client created with `legacyMode: true`: v3 callbacks, the promise API under `.v4`. */
  legacyMode?: boolean;
  /** ioredis client constructed with a `keyPrefix` option: the library prefixes every key it sends. */
  keyPrefix?: boolean;
}

export interface ClientSite {
  name: string;
  line: number;
  client: ClientInfo;
}

export type CommandForm = "method" | "call" | "sendCommand" | "promisified";

export interface CommandCall {
  path: ASTPath<any>;
  client: ClientInfo;
  /** The method as written (`hGetAll`, `keysAsync`, `call`). */
  method: string;
  /** Upper-case Redis command (`HGETALL`, `CONFIG GET`). */
  command: string;
  form: CommandForm;
  /** The command's arguments: for `call`/`sendCommand` without the command name, without a trailing callback. */
  args: ASTPath<any>[];
  /** Legacy node-redis trailing callback. */
  callback?: ASTPath<any>;
  /** Queued on a `multi()`/`pipeline()`/`batch()` rather than sent on its own. */
  inTransaction: boolean;
}

export interface PossibleClient {
  path: ASTPath<any>;
  receiver: string;
  method: string;
  command: string;
  reason: string;
}

export interface RedisModel {
  /** The client an expression evaluates to, when proven. */
  clientOf(path: ASTPath<any>): ClientInfo | undefined;
  /** Every Redis command call on a proven client or transaction, in source order. */
  commandCalls(): CommandCall[];
  /** Call sites whose receiver looks like a Redis client but is not proven. */
  possibleClients(): PossibleClient[];
  /** The client a function returns, by its declared return type or its `return`s. */
  clientReturnedBy(fnPath: ASTPath<any>): ClientInfo | undefined;
  /** Where clients are bound to names (for `inspect`). */
  clientSites(): ClientSite[];
  /** True when the file imports or requires a Redis library or a project module exporting a client. */
  readonly touchesRedis: boolean;
}

type Sym =
  | { kind: "ioredis-module" }
  | { kind: "ioredis-class"; cluster: boolean }
  | { kind: "node-redis-module" }
  | { kind: "factory"; client: ClientInfo }
  | { kind: "client"; client: ClientInfo }
  | { kind: "transaction"; client: ClientInfo }
  | { kind: "holder"; props: Map<string, Sym> }
  | { kind: "project-module"; exports: Record<string, ExportedSymbol> }
  | { kind: "bound-command"; client: ClientInfo; command: string }
  | { kind: "non-client" };

const TRANSACTION_METHODS = new Set(["multi", "pipeline", "batch"]);
const GENERIC_COMMAND_METHODS = new Set(["call", "sendCommand", "send_command", "callBuffer"]);
const REDIS_LIKE_NAME = /redis|valkey|keydb|dragonfly/i;
/** Commands whose method names hardly occur outside Redis clients: suspicious on any receiver. */
const DISTINCTIVE_COMMANDS = new Set([
  "HGETALL", "HSET", "HMSET", "HMGET", "HINCRBY", "SETEX", "SETNX", "PSETEX", "LPUSH", "RPUSH", "LRANGE", "LTRIM",
  "SADD", "SMEMBERS", "SISMEMBER", "ZADD", "ZRANGE", "ZRANGEBYSCORE", "ZREVRANGE", "ZSCORE", "INCRBY", "EXPIRE",
  "PEXPIRE", "MSET", "MGET", "GETSET", "SSCAN", "HSCAN", "ZSCAN", "XADD", "XREAD", "FLUSHDB", "FLUSHALL", "UNLINK",
]);
const GLOB_LITERAL = /[*?[]/;
const MAX_PASSES = 6;

const models = new WeakMap<Collection, RedisModel>();

/** The client model of one parsed file, built once per parsed tree. */
export function analyzeClients(j: JSCodeshift, root: Collection, file: string, project?: ProjectIndex, configuredClient = "auto"): RedisModel {
  let model = models.get(root);
  if (!model) {
    model = new ClientModel(j, root, file, project, configuredClient);
    models.set(root, model);
  }
  return model;
}

class ClientModel implements RedisModel {
  private readonly bindings = new Map<ASTNode, Map<string, Sym>>();
  private readonly members = new Map<ASTNode, Map<string, Sym>>();
  private readonly clientTypes = new Map<string, ClientInfo>();
  private readonly sites: ClientSite[] = [];
  private changed = false;
  private calls?: CommandCall[];
  touchesRedis = false;

  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection,
    private readonly file: string,
    private readonly project: ProjectIndex | undefined,
    private readonly configuredClient: string,
  ) {
    this.collectImports();
    if (this.touchesRedis) this.settleBindings();
  }

  private bindingsSettled = false;

  /** Binding passes until nothing new is learned (aliases of aliases need several). */
  private settleBindings(): void {
    if (this.bindingsSettled) return;
    this.bindingsSettled = true;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      this.changed = false;
      this.collectBindings();
      if (!this.changed) break;
    }
  }

  clientOf(path: ASTPath<any>): ClientInfo | undefined {
    const sym = this.symOf(path);
    return sym?.kind === "client" ? sym.client : undefined;
  }

  clientSites(): ClientSite[] {
    return [...this.sites].sort((a, b) => a.line - b.line);
  }

  commandCalls(): CommandCall[] {
    if (this.calls) return this.calls;
    const calls: CommandCall[] = [];
    if (this.touchesRedis) {
      for (const path of this.sitesOfBindings().calls) {
        const call = this.commandCallAt(path);
        if (call) calls.push(call);
      }
    }
    // Calls of one chain share their start; the method name's position orders them as written.
    const at = (c: CommandCall) => c.path.node.callee.property?.start ?? c.path.node.start ?? 0;
    calls.sort((a, b) => at(a) - at(b));
    this.calls = calls;
    return calls;
  }

  possibleClients(): PossibleClient[] {
    // A file that loads no Redis library, in a project that depends on none, has no client to suspect.
    if (!this.touchesRedis && declaresRedisLibrary(this.file) === false) return [];
    // Bindings tell `new Map()` and object literals apart from untraced receivers.
    this.settleBindings();
    const found: PossibleClient[] = [];
    for (const path of this.sitesOfBindings().calls) {
      const suspect = this.suspectAt(path);
      if (suspect) found.push(suspect);
    }
    return found;
  }

  // ---- imports ---------------------------------------------------------------------------------

  private collectImports(): void {
    // Imports only stand at the top level: walk the Program body, not the whole tree.
    this.programPath().get("body").each((path: ASTPath<any>) => {
      if (path.node.type !== "ImportDeclaration") return;
      const spec = String(path.node.source.value);
      const library = libraryOf(spec);
      const projectExports = library ? undefined : this.projectExports(spec);
      if (!library && !projectExports) return;
      this.touchesRedis = true;
      for (const s of path.node.specifiers ?? []) {
        const local = s.local?.name as string;
        const sym = library ? this.librarySpecifier(library, s) : this.projectSpecifier(projectExports!, s);
        if (sym) this.bind(this.programNode(), local, sym, path.node.loc?.start.line ?? 0);
        if (library) this.noteClientType(library, s.type === "ImportSpecifier" ? String(s.imported.name) : "default", local);
      }
    });
    for (const path of this.sitesOfBindings().calls) {
      const { callee, arguments: args } = path.node;
      const loads = (callee.type === "Identifier" && callee.name === "require") || callee.type === "Import";
      const spec = loads ? stringValue(args[0]) : undefined;
      if (spec && (libraryOf(spec) || this.projectExports(spec))) this.touchesRedis = true;
    }
  }

  private librarySpecifier(library: "ioredis" | "redis", s: any): Sym | undefined {
    const imported = s.type === "ImportSpecifier" ? String(s.imported.name) : s.type === "ImportDefaultSpecifier" ? "default" : "*";
    if (library === "ioredis") {
      if (imported === "default" || imported === "*") return { kind: "ioredis-module" };
      if (imported === "Redis") return { kind: "ioredis-class", cluster: false };
      if (imported === "Cluster") return { kind: "ioredis-class", cluster: true };
      return undefined;
    }
    if (imported === "default" || imported === "*") return { kind: "node-redis-module" };
    if (imported === "createClient") return { kind: "factory", client: this.nodeRedisClient(false, "createClient() from 'redis'") };
    if (imported === "createCluster") return { kind: "factory", client: this.nodeRedisClient(true, "createCluster() from 'redis'") };
    return undefined;
  }

  private projectSpecifier(exports: Record<string, ExportedSymbol>, s: any): Sym | undefined {
    if (s.type === "ImportNamespaceSpecifier") return { kind: "project-module", exports };
    const name = s.type === "ImportDefaultSpecifier" ? "default" : String(s.imported.name);
    return exported(exports[name]);
  }

  private noteClientType(library: "ioredis" | "redis", imported: string, local: string): void {
    const ioredisType = library === "ioredis" && (imported === "default" || IOREDIS_CLIENT_TYPES.has(imported));
    const nodeRedisType = library === "redis" && NODE_REDIS_CLIENT_TYPES.has(imported);
    if (ioredisType) this.clientTypes.set(local, ioredisClient(imported === "Cluster", `type ${imported} from 'ioredis'`));
    if (nodeRedisType) this.clientTypes.set(local, this.nodeRedisClient(/Cluster/.test(imported), `type ${imported} from 'redis'`));
  }

  private projectExports(spec: string): Record<string, ExportedSymbol> | undefined {
    // Relative and tsconfig-aliased (`@/lib/redis`) specifiers may name project modules; the index decides.
    if (!this.project || spec.startsWith("node:")) return undefined;
    return this.project.exportsOf(this.file, spec);
  }

  private nodeRedisClient(cluster: boolean, proof: string): ClientInfo {
    const { flavour, major } = nodeRedisFlavour(this.file, this.configuredClient);
    return { flavour, major, cluster, proof };
  }

  // ---- bindings --------------------------------------------------------------------------------

  private bindingSites?: Record<"calls" | "returns" | "declarators" | "assignments" | "typeAliases" | "functions" | "classProperties" | "classMethods", ASTPath<any>[]>;

  /**
   * The calls and the nodes that can bind a client, gathered in one walk of the tree and reused
   * by every pass (each `find` is a walk of its own, the largest cost on big files).
   */
  private sitesOfBindings() {
    if (this.bindingSites) return this.bindingSites;
    const j = this.j;
    const sites = { calls: [], returns: [], declarators: [], assignments: [], typeAliases: [], functions: [], classProperties: [], classMethods: [] } as NonNullable<ClientModel["bindingSites"]>;
    this.root.find(j.Node).forEach((path) => {
      const node = path.node;
      if (j.CallExpression.check(node)) sites.calls.push(path);
      else if (node.type === "ReturnStatement" && (node as any).argument) sites.returns.push(path);
      else if (j.VariableDeclarator.check(node)) sites.declarators.push(path);
      else if (j.AssignmentExpression.check(node)) sites.assignments.push(path);
      else if (j.TSTypeAliasDeclaration.check(node)) sites.typeAliases.push(path);
      else if (j.ClassProperty.check(node)) sites.classProperties.push(path);
      if (j.Function.check(node)) sites.functions.push(path);
      if (j.ClassMethod.check(node)) sites.classMethods.push(path);
    });
    return (this.bindingSites = sites);
  }

  private collectBindings(): void {
    const sites = this.sitesOfBindings();
    for (const path of sites.declarators) this.bindDeclarator(path);
    for (const path of sites.assignments) this.bindAssignment(path);
    for (const path of sites.typeAliases) {
      const client = this.clientOfType(path.get("typeAnnotation"));
      if (client) this.clientTypes.set(String(path.node.id.name), client);
    }
    for (const path of sites.functions) this.bindFunction(path);
    for (const path of sites.classProperties) this.bindClassProperty(path);
    for (const path of sites.classMethods) this.bindClassMethod(path);
  }

  private bindDeclarator(path: ASTPath<any>): void {
    const { id } = path.node;
    const line = path.node.loc?.start.line ?? 0;
    const scope = this.scopeNodeOf(path);
    const sym = path.node.init ? this.symOf(path.get("init")) : this.clusterNodeOfLoop(path);
    if (id.type === "Identifier") {
      const typed = id.typeAnnotation ? this.clientOfType(path.get("id", "typeAnnotation", "typeAnnotation")) : undefined;
      const value = sym ?? (typed ? { kind: "client" as const, client: typed } : undefined);
      if (value) this.bind(scope, id.name, value, line);
      else if (path.node.init && isPlainValue(path.node.init)) this.bind(scope, id.name, { kind: "non-client" }, line);
      return;
    }
    if (id.type === "ObjectPattern" && sym) {
      for (const prop of id.properties) {
        if ((prop.type !== "ObjectProperty" && prop.type !== "Property") || prop.key.type !== "Identifier") continue;
        const local = prop.value.type === "Identifier" ? prop.value.name : prop.value.type === "AssignmentPattern" && prop.value.left.type === "Identifier" ? prop.value.left.name : undefined;
        const member = this.memberOf(sym, prop.key.name);
        if (local && member) this.bind(scope, local, member, line);
      }
    }
  }

  /** `for (const node of cluster.nodes("master"))` on an ioredis cluster: each node is a client of its own. */
  private clusterNodeOfLoop(declarator: ASTPath<any>): Sym | undefined {
    const loop = declarator.parent?.parent;
    if (loop?.node.type !== "ForOfStatement" || declarator.parent.name !== "left") return undefined;
    const right = loop.node.right;
    if (right.type !== "CallExpression" || right.callee.type !== "MemberExpression" || right.callee.property.name !== "nodes") return undefined;
    const cluster = this.symOf(loop.get("right", "callee", "object"));
    if (cluster?.kind !== "client" || !cluster.client.cluster || cluster.client.flavour !== "ioredis") return undefined;
    return { kind: "client", client: { ...cluster.client, cluster: false, proof: `a node of a cluster (${cluster.client.proof})` } };
  }

  private bindAssignment(path: ASTPath<any>): void {
    const { left } = path.node;
    const sym = this.symOf(path.get("right"));
    if (!sym || sym.kind === "non-client") return;
    const line = path.node.loc?.start.line ?? 0;
    if (left.type === "Identifier") {
      const scope = path.scope?.lookup(left.name);
      if (scope) this.bind(scope.node, left.name, sym, line);
      return;
    }
    if (left.type !== "MemberExpression" || left.computed || left.property.type !== "Identifier") return;
    const prop = left.property.name;
    if (left.object.type === "ThisExpression") {
      const cls = this.enclosingClass(path);
      if (cls) this.bindMember(cls, prop, sym, line);
      return;
    }
    if (left.object.type === "Identifier") {
      const holder = this.symOf(path.get("left", "object"));
      if (holder?.kind === "holder" && !holder.props.has(prop)) {
        holder.props.set(prop, sym);
        this.changed = true;
        this.noteSite(`${left.object.name}.${prop}`, sym, line);
      }
    }
  }

  /** Typed parameters (`redis: Redis`) and functions that return a client (`getRedis()`). */
  private bindFunction(path: ASTPath<any>): void {
    const fn = path.node;
    path.get("params").each((param: ASTPath<any>) => this.bindParam(path, param));
    const name = functionName(path);
    if (!name || fn.type === "ClassMethod" || fn.type === "ObjectMethod") return;
    const returned = this.returnedClient(path);
    if (returned) this.bind(name.scope, name.name, { kind: "factory", client: { ...returned, proof: `returns a client (${returned.proof})` } }, fn.loc?.start.line ?? 0);
  }

  private bindParam(fnPath: ASTPath<any>, param: ASTPath<any>): void {
    const node = param.node;
    const target = node.type === "TSParameterProperty" ? param.get("parameter") : param;
    const id = target.node.type === "AssignmentPattern" ? target.get("left") : target;
    if (id.node.type !== "Identifier" || !id.node.typeAnnotation) return;
    const annotation = id.get("typeAnnotation", "typeAnnotation");
    const client = this.clientOfType(annotation);
    if (!client && !isNonClientType(annotation.node)) return;
    const sym: Sym = client ? { kind: "client", client: { ...client, proof: `parameter typed ${client.proof.replace(/^type /, "")}` } } : { kind: "non-client" };
    const line = node.loc?.start.line ?? 0;
    this.bind(fnPath.node, id.node.name, sym, line);
    if (node.type === "TSParameterProperty") {
      const cls = this.enclosingClass(fnPath);
      if (cls) this.bindMember(cls, id.node.name, sym, line);
    }
  }

  private bindClassProperty(path: ASTPath<any>): void {
    const { key, value, typeAnnotation } = path.node;
    if (key.type !== "Identifier") return;
    const cls = this.enclosingClass(path);
    if (!cls) return;
    const sym = value ? this.symOf(path.get("value")) : undefined;
    const typed = typeAnnotation ? this.clientOfType(path.get("typeAnnotation", "typeAnnotation")) : undefined;
    const line = path.node.loc?.start.line ?? 0;
    if (sym && sym.kind !== "non-client") this.bindMember(cls, key.name, sym, line);
    else if (typed) this.bindMember(cls, key.name, { kind: "client", client: typed }, line);
  }

  /** `getClient() { return this.redis; }` makes `this.getClient()` a client. */
  private bindClassMethod(path: ASTPath<any>): void {
    const { key, kind } = path.node;
    if (key.type !== "Identifier" || kind === "constructor" || kind === "set") return;
    const cls = this.enclosingClass(path);
    const returned = this.returnedClient(path);
    if (!cls || !returned) return;
    const sym: Sym = kind === "get" ? { kind: "client", client: returned } : { kind: "factory", client: returned };
    this.bindMember(cls, key.name, sym, path.node.loc?.start.line ?? 0);
  }

  /** The client a function returns: by its declared return type, else by what its `return`s give. */
  clientReturnedBy(fnPath: ASTPath<any>): ClientInfo | undefined {
    return this.returnedClient(fnPath);
  }

  private returnedClient(fnPath: ASTPath<any>): ClientInfo | undefined {
    const declared = fnPath.node.returnType ? this.clientOfType(fnPath.get("returnType")) : undefined;
    if (declared) return declared;
    const body = fnPath.get("body");
    if (body.node.type !== "BlockStatement") return this.clientOf(body);
    let found: ClientInfo | undefined;
    for (const ret of this.returnsOf(fnPath.node)) found ??= this.clientOf(ret.get("argument"));
    return found;
  }

  private returnsByFunction?: Map<ASTNode, ASTPath<any>[]>;

  /** The `return <value>` statements of a function (not of functions nested in it), from the one walk. */
  private returnsOf(fn: ASTNode): ASTPath<any>[] {
    if (!this.returnsByFunction) {
      this.returnsByFunction = new Map();
      for (const ret of this.sitesOfBindings().returns) {
        const owner = this.nearestFunction(ret);
        if (!owner) continue;
        const list = this.returnsByFunction.get(owner) ?? [];
        list.push(ret);
        this.returnsByFunction.set(owner, list);
      }
    }
    return this.returnsByFunction.get(fn) ?? [];
  }

  private bind(scope: ASTNode, name: string, sym: Sym, line: number): void {
    let table = this.bindings.get(scope);
    if (!table) this.bindings.set(scope, (table = new Map()));
    const previous = table.get(name);
    if (previous && (previous.kind !== "non-client" || sym.kind === "non-client")) return;
    table.set(name, sym);
    this.changed = true;
    this.noteSite(name, sym, line);
  }

  private bindMember(cls: ASTNode, name: string, sym: Sym, line: number): void {
    let table = this.members.get(cls);
    if (!table) this.members.set(cls, (table = new Map()));
    if (table.has(name)) return;
    table.set(name, sym);
    this.changed = true;
    this.noteSite(`this.${name}`, sym, line);
  }

  private noteSite(name: string, sym: Sym, line: number): void {
    if (sym.kind === "client") this.sites.push({ name, line, client: sym.client });
  }

  // ---- evaluation ------------------------------------------------------------------------------

  /** What an expression denotes, as far as Redis is concerned. */
  private symOf(path: ASTPath<any>): Sym | undefined {
    const node = path.node;
    switch (node.type) {
      case "Identifier":
        return this.lookup(path, node.name);
      case "ThisExpression":
        return undefined;
      case "MemberExpression":
      case "OptionalMemberExpression":
        return this.memberSym(path);
      case "NewExpression":
        return this.constructed(path);
      case "CallExpression":
      case "OptionalCallExpression":
        return this.called(path);
      case "AwaitExpression":
        return this.awaited(path);
      case "AssignmentExpression":
        return this.symOf(path.get("right"));
      case "LogicalExpression":
        return this.symOf(path.get("left")) ?? this.symOf(path.get("right"));
      case "ConditionalExpression":
        return either(this.symOf(path.get("consequent")), this.symOf(path.get("alternate")));
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "ParenthesizedExpression":
      case "TypeCastExpression":
      case "TSTypeAssertion":
        return this.castSym(path);
      case "ObjectExpression":
        return this.holderOf(path);
      case "ImportExpression":
        return this.moduleSym(node.source);
      default:
        return isPlainValue(node) ? { kind: "non-client" } : undefined;
    }
  }

  private lookup(path: ASTPath<any>, name: string): Sym | undefined {
    const scope = path.scope?.lookup(name);
    const table = scope ? this.bindings.get(scope.node) : undefined;
    const sym = table?.get(name);
    if (sym) return sym;
    // Bindings made in the program scope by imports are found even when ast-types misses a declaration.
    return scope ? undefined : this.bindings.get(this.programNode())?.get(name);
  }

  private memberSym(path: ASTPath<any>): Sym | undefined {
    const { object, property, computed } = path.node;
    const name = !computed && property.type === "Identifier" ? property.name : isStringLiteral(property) ? String(property.value) : undefined;
    if (!name) return undefined;
    if (object.type === "ThisExpression") {
      const cls = this.enclosingClass(path);
      return cls ? this.members.get(cls)?.get(name) : undefined;
    }
    const base = this.symOf(path.get("object"));
    return base ? this.memberOf(base, name) : undefined;
  }

  private memberOf(base: Sym, name: string): Sym | undefined {
    // A node-redis v4 client in legacyMode keeps the promise API under `.v4`.
    if (base.kind === "client" && name === "v4" && base.client.legacyMode) {
      return { kind: "client", client: { flavour: "node-redis", major: 4, cluster: base.client.cluster, proof: `${base.client.proof}, its .v4 promise API` } };
    }
    switch (base.kind) {
      case "ioredis-module":
        if (name === "Cluster") return { kind: "ioredis-class", cluster: true };
        if (name === "default" || name === "Redis") return { kind: "ioredis-class", cluster: false };
        return undefined;
      case "node-redis-module":
        if (name === "createClient") return { kind: "factory", client: this.nodeRedisClient(false, "createClient() from 'redis'") };
        if (name === "createCluster") return { kind: "factory", client: this.nodeRedisClient(true, "createCluster() from 'redis'") };
        return undefined;
      case "holder":
        return base.props.get(name);
      case "project-module":
        return exported(base.exports[name]);
      default:
        return undefined;
    }
  }

  private constructed(path: ASTPath<any>): Sym | undefined {
    const callee = this.symOf(path.get("callee"));
    const cluster = callee?.kind === "ioredis-class" && callee.cluster;
    if (callee?.kind === "ioredis-class" || callee?.kind === "ioredis-module") {
      return { kind: "client", client: withKeyPrefix(ioredisClient(cluster, `new ${calleeText(path.node.callee)}() from 'ioredis'`), path) };
    }
    return { kind: "non-client" };
  }

  private called(path: ASTPath<any>): Sym | undefined {
    const { callee } = path.node;
    if (callee.type === "Identifier" && callee.name === "require") return this.moduleSym(path.node.arguments[0]);
    if (callee.type === "Import") return this.moduleSym(path.node.arguments[0]);
    const calleeSym = this.symOf(path.get("callee"));
    if (calleeSym?.kind === "factory") return { kind: "client", client: withLegacyMode(calleeSym.client, path.node.arguments[0]) };
    if (calleeSym?.kind === "ioredis-module" || calleeSym?.kind === "ioredis-class") {
      return { kind: "client", client: withKeyPrefix(ioredisClient(calleeSym.kind === "ioredis-class" && calleeSym.cluster, `${calleeText(callee)}() from 'ioredis'`), path) };
    }
    if (isPromisify(callee)) return this.promisified(path);
    if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier") {
      return this.methodResult(path.get("callee", "object"), callee.property.name, path);
    }
    return undefined;
  }

  /** What calling `object.method(...)` gives: `duplicate()` a client, `multi()` a transaction, ... */
  private methodResult(objectPath: ASTPath<any>, method: string, callPath: ASTPath<any>): Sym | undefined {
    if (method === "bind") {
      const target = this.symOf(objectPath);
      return target?.kind === "bound-command" ? target : undefined;
    }
    const receiver = this.symOf(objectPath);
    if (!receiver) return undefined;
    if (receiver.kind === "client") {
      if (method === "duplicate") return { kind: "client", client: { ...receiver.client, proof: `duplicate() of a client (${receiver.client.proof})` } };
      if (TRANSACTION_METHODS.has(method) && !hasCallbackArg(callPath)) return { kind: "transaction", client: receiver.client };
      if (method === "connect" && receiver.client.flavour === "node-redis" && (receiver.client.major ?? 5) >= 5) return receiver;
      if (method === "withTypeMapping" || method === "withCommandOptions" || method === "legacy") return receiver;
      // node-redis `await cluster.nodeClient(master)`: the client of one node.
      if (method === "nodeClient" && receiver.client.cluster && receiver.client.flavour === "node-redis") {
        return { kind: "client", client: { ...receiver.client, cluster: false, proof: `nodeClient() of a cluster (${receiver.client.proof})` } };
      }
      return undefined;
    }
    if (receiver.kind === "transaction") return commandFromMethod(method) && method !== "exec" ? receiver : undefined;
    return undefined;
  }

  /** `promisify(client.keys).bind(client)` / `promisify(client.get.bind(client))` → a bound command. */
  private promisified(path: ASTPath<any>): Sym | undefined {
    let target = path.get("arguments", 0);
    if (!target.node) return undefined;
    if (target.node.type === "CallExpression" && target.node.callee.type === "MemberExpression" && target.node.callee.property.name === "bind") {
      target = target.get("callee", "object");
    }
    if (target.node.type !== "MemberExpression" || target.node.computed || target.node.property.type !== "Identifier") return undefined;
    const receiver = this.symOf(target.get("object"));
    const command = commandFromMethod(target.node.property.name);
    if (receiver?.kind !== "client" || !command) return undefined;
    return { kind: "bound-command", client: receiver.client, command: command.command };
  }

  private awaited(path: ASTPath<any>): Sym | undefined {
    const inner = this.symOf(path.get("argument"));
    if (inner) return inner;
    // `await client.connect()` resolves to the client in node-redis v5+ only; v4 resolves to void.
    return undefined;
  }

  private castSym(path: ASTPath<any>): Sym | undefined {
    const node = path.node;
    if ((node.type === "TSAsExpression" || node.type === "TSTypeAssertion") && node.typeAnnotation) {
      const typed = this.clientOfType(path.get("typeAnnotation"));
      if (typed) return { kind: "client", client: typed };
    }
    return this.symOf(path.get("expression"));
  }

  /** An object literal holding clients (`{ cache: new Redis() }`), else a plain value. */
  private holderOf(path: ASTPath<any>): Sym {
    const props = new Map<string, Sym>();
    path.get("properties").each((prop: ASTPath<any>) => {
      const n = prop.node;
      if ((n.type !== "ObjectProperty" && n.type !== "Property") || n.computed) return;
      const name = n.key.type === "Identifier" ? n.key.name : isStringLiteral(n.key) ? String(n.key.value) : undefined;
      const sym = name ? this.symOf(prop.get("value")) : undefined;
      if (name && sym && sym.kind !== "non-client") props.set(name, sym);
    });
    return { kind: "holder", props };
  }

  private moduleSym(arg: any): Sym | undefined {
    const spec = arg && (arg.type === "StringLiteral" || arg.type === "Literal") && typeof arg.value === "string" ? arg.value : undefined;
    if (!spec) return undefined;
    const library = libraryOf(spec);
    if (library === "ioredis") return { kind: "ioredis-module" };
    if (library === "redis") return { kind: "node-redis-module" };
    const exports = this.projectExports(spec);
    if (!exports) return undefined;
    // `module.exports = client` is the module itself; otherwise members are looked up by name.
    const whole = exports["module.exports"];
    return whole ? exported(whole) : { kind: "project-module", exports };
  }

  /** The client a type annotation denotes: `Redis`, `RedisClientType`, `Redis | null`, `ReturnType<typeof createClient>`. */
  private clientOfType(path: ASTPath<any>): ClientInfo | undefined {
    const node = path.node;
    if (!node) return undefined;
    switch (node.type) {
      case "TSTypeAnnotation":
        return this.clientOfType(path.get("typeAnnotation"));
      case "TSUnionType": {
        let found: ClientInfo | undefined;
        path.get("types").each((t: ASTPath<any>) => {
          found ??= this.clientOfType(t);
        });
        return found;
      }
      case "TSTypeReference":
        return this.clientOfTypeReference(path);
      case "TSTypeQuery":
        return node.exprName.type === "Identifier" ? this.clientOf(path.get("exprName")) : undefined;
      default:
        return undefined;
    }
  }

  private clientOfTypeReference(path: ASTPath<any>): ClientInfo | undefined {
    const { typeName, typeParameters } = path.node;
    if (typeName.type === "Identifier") {
      if ((typeName.name === "ReturnType" || typeName.name === "InstanceType" || typeName.name === "Awaited" || typeName.name === "Promise") && typeParameters?.params.length === 1) {
        const inner = path.get("typeParameters", "params", 0);
        if (inner.node.type === "TSTypeQuery" && inner.node.exprName.type === "Identifier") {
          const sym = this.symOf(inner.get("exprName"));
          if (sym?.kind === "factory") return sym.client;
          if (sym?.kind === "ioredis-class") return ioredisClient(sym.cluster, `InstanceType of ${inner.node.exprName.name}`);
          if (sym?.kind === "ioredis-module") return ioredisClient(false, `InstanceType of ${inner.node.exprName.name}`);
        }
        return this.clientOfType(inner);
      }
      return this.clientTypes.get(typeName.name);
    }
    if (typeName.type === "TSQualifiedName" && typeName.left.type === "Identifier") {
      const base = this.bindings.get(this.programNode())?.get(typeName.left.name);
      const member = typeName.right.name;
      if (base?.kind === "ioredis-module" && IOREDIS_CLIENT_TYPES.has(member)) return ioredisClient(member === "Cluster", `type ${typeName.left.name}.${member} from 'ioredis'`);
      if (base?.kind === "node-redis-module" && NODE_REDIS_CLIENT_TYPES.has(member)) return this.nodeRedisClient(/Cluster/.test(member), `type ${typeName.left.name}.${member} from 'redis'`);
    }
    return undefined;
  }

  // ---- command calls ---------------------------------------------------------------------------

  private commandCallAt(path: ASTPath<any>): CommandCall | undefined {
    const { callee } = path.node;
    if (callee.type === "Identifier") return this.boundCommandCall(path);
    if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return undefined;
    const method = methodName(callee);
    if (!method) return undefined;
    const receiver = this.symOf(path.get("callee", "object"));
    if (receiver?.kind !== "client" && receiver?.kind !== "transaction") return undefined;
    const inTransaction = receiver.kind === "transaction";
    const args: ASTPath<any>[] = [];
    path.get("arguments").each((a: ASTPath<any>) => {
      args.push(a);
    });
    const callback = receiver.client.flavour === "node-redis-legacy" && args.length && isCallbackArg(args[args.length - 1]) ? args.pop() : undefined;
    if (GENERIC_COMMAND_METHODS.has(method)) return genericCall(path, receiver.client, method, args, callback, inTransaction);
    const command = commandFromMethod(method);
    if (!command || TRANSACTION_METHODS.has(method)) return undefined;
    const form: CommandForm = command.promisified ? "promisified" : "method";
    return { path, client: receiver.client, method, command: command.command, form, args, callback, inTransaction };
  }

  private boundCommandCall(path: ASTPath<any>): CommandCall | undefined {
    const sym = this.symOf(path.get("callee"));
    if (sym?.kind !== "bound-command") return undefined;
    const args: ASTPath<any>[] = [];
    path.get("arguments").each((a: ASTPath<any>) => {
      args.push(a);
    });
    return { path, client: sym.client, method: path.node.callee.name, command: sym.command, form: "promisified", args, inTransaction: false };
  }

  private suspectAt(path: ASTPath<any>): PossibleClient | undefined {
    const { callee } = path.node;
    if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return undefined;
    const method = methodName(callee);
    const command = method ? commandFromMethod(method) : undefined;
    if (!method || !command || TRANSACTION_METHODS.has(method)) return undefined;
    const receiverPath = path.get("callee", "object");
    const receiverSym = this.symOf(receiverPath);
    if (receiverSym) return undefined;
    if (isTransactionChain(receiverPath.node)) return undefined;
    const receiver = receiverText(receiverPath.node);
    if (!receiver) return undefined;
    const reason = suspicionReason(receiver, command.command, path.node.arguments);
    return reason ? { path, receiver, method, command: command.command, reason } : undefined;
  }

  // ---- scopes ----------------------------------------------------------------------------------

  private programPath(): ASTPath<any> {
    const top = this.root.get();
    return top.node.program ? top.get("program") : top;
  }

  /** The Program node: the scope node ast-types reports for top-level bindings. */
  private programNode(): ASTNode {
    const top = this.root.get().node;
    return top.program ?? top;
  }

  private scopeNodeOf(path: ASTPath<any>): ASTNode {
    const id = path.node.id;
    const scope = id?.type === "Identifier" ? path.scope?.lookup(id.name) : path.scope;
    return (scope ?? path.scope)?.node ?? this.programNode();
  }

  private enclosingClass(path: ASTPath<any>): ASTNode | undefined {
    for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
      const t = p.node.type;
      if (t === "ClassBody") return p.parent.node;
      if ((t === "FunctionDeclaration" || t === "FunctionExpression") && p.parent?.node.type !== "ClassMethod" && p.parent?.node.type !== "ClassProperty") {
        return undefined;
      }
      if (t === "ObjectMethod") return undefined;
    }
    return undefined;
  }

  private nearestFunction(path: ASTPath<any>): ASTNode | undefined {
    for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
      if (/Function|Method/.test(p.node.type) && p.node.type !== "ClassBody") return p.node;
    }
    return undefined;
  }
}

/**
 * The key argument nodes of a command call. `call`/`sendCommand` arguments are already in wire
 * order, so the library's own argument shapes apply only to method calls.
 */
export function keyArgumentsOf(call: CommandCall): KeyArguments {
  const wire = call.form === "call" || call.form === "sendCommand";
  return keyArgumentNodes(call.command, wire ? "ioredis" : call.client.flavour, call.args.map((a) => a.node), wire ? undefined : call.method);
}

function exported(symbol: ExportedSymbol | undefined): Sym | undefined {
  if (!symbol) return undefined;
  const client = { ...symbol.client, proof: symbol.proof };
  if (symbol.kind === "factory") return { kind: "factory", client };
  if (symbol.kind === "holder") {
    const props = new Map<string, Sym>();
    for (const [name, inner] of Object.entries(symbol.props ?? {})) {
      const sym = exported(inner);
      if (sym) props.set(name, sym);
    }
    return { kind: "holder", props };
  }
  return { kind: "client", client };
}

function ioredisClient(cluster: boolean, proof: string): ClientInfo {
  return { flavour: "ioredis", cluster, proof };
}

/**
 * Marks an ioredis construction whose options carry `keyPrefix` (also under a Cluster's
 * `redisOptions`), given as an object literal or a const bound to one in the file.
 */
function withKeyPrefix(client: ClientInfo, construction: ASTPath<any>): ClientInfo {
  const options = (node: any, at: ASTPath<any>): any => {
    if (node?.type !== "Identifier") return node;
    const binding = at.scope?.lookup(node.name)?.getBindings()[node.name]?.[0]?.parent?.node;
    return binding?.type === "VariableDeclarator" ? binding.init : undefined;
  };
  const hasKeyPrefix = (node: any): boolean =>
    node?.type === "ObjectExpression" &&
    node.properties.some((p: any) => {
      const name = p.key?.type === "Identifier" ? p.key.name : stringValue(p.key);
      return !p.computed && (name === "keyPrefix" || (name === "redisOptions" && hasKeyPrefix(p.value)));
    });
  const found = construction.node.arguments.some((a: any) => hasKeyPrefix(options(a, construction)));
  return found ? { ...client, keyPrefix: true, proof: `${client.proof} with keyPrefix` } : client;
}

/**
 * `createClient({ legacyMode: true })` (node-redis v4) speaks the v3 callback API.
 * Before: flavour node-redis@4  After: flavour node-redis-legacy, legacyMode
 */
function withLegacyMode(client: ClientInfo, options: any): ClientInfo {
  if (client.flavour !== "node-redis" || options?.type !== "ObjectExpression") return client;
  const legacy = options.properties.some((p: any) => !p.computed && (p.key?.name === "legacyMode" || p.key?.value === "legacyMode") && p.value?.value === true);
  return legacy ? { ...client, flavour: "node-redis-legacy", legacyMode: true, proof: `${client.proof} with legacyMode` } : client;
}

/** Type annotations that can never denote a Redis client (built-ins, literals, object shapes). */
const NON_CLIENT_TYPES = new Set(["Map", "Set", "WeakMap", "WeakSet", "Array", "ReadonlyArray", "Record", "Partial", "Readonly", "Headers", "URLSearchParams", "URL", "Date", "RegExp", "Promise", "Function", "Error", "Buffer"]);

function isNonClientType(node: any): boolean {
  if (!node) return false;
  if (/^TS(String|Number|Boolean|BigInt|Symbol|Null|Undefined|Void|Never)Keyword$/.test(node.type)) return true;
  if (node.type === "TSTypeLiteral" || node.type === "TSFunctionType" || node.type === "TSArrayType" || node.type === "TSTupleType" || node.type === "TSLiteralType") return true;
  if (node.type === "TSUnionType") return node.types.every(isNonClientType);
  return node.type === "TSTypeReference" && node.typeName.type === "Identifier" && NON_CLIENT_TYPES.has(node.typeName.name);
}

function either(a: Sym | undefined, b: Sym | undefined): Sym | undefined {
  if (a?.kind === "client" && (!b || b.kind === "client" || b.kind === "non-client")) return a;
  if (b?.kind === "client" && (!a || a.kind === "non-client")) return b;
  return a && b && a.kind === b.kind ? a : undefined;
}

function genericCall(path: ASTPath<any>, client: ClientInfo, method: string, args: ASTPath<any>[], callback: ASTPath<any> | undefined, inTransaction: boolean): CommandCall | undefined {
  if (method === "sendCommand" && args[0]?.node.type === "ArrayExpression") {
    const elements: ASTPath<any>[] = [];
    args[0].get("elements").each((e: ASTPath<any>) => {
      elements.push(e);
    });
    const name = elements[0] && stringValue(elements[0].node);
    return name ? { path, client, method, command: name.toUpperCase(), form: "sendCommand", args: elements.slice(1), callback, inTransaction } : undefined;
  }
  const name = args[0] && stringValue(args[0].node);
  if (!name) return undefined;
  const form: CommandForm = method === "sendCommand" ? "sendCommand" : "call";
  return { path, client, method, command: name.toUpperCase(), form, args: args.slice(1), callback, inTransaction };
}

function suspicionReason(receiver: string, command: string, args: any[]): string | undefined {
  // The receiver's own name, or for `x.getClient()` the object that hands it out.
  const last = receiver.endsWith("()") ? receiver : (receiver.split(".").pop() ?? receiver);
  if (REDIS_LIKE_NAME.test(last)) return `'${receiver}' is named like a Redis client but is not traced to ioredis/redis`;
  if (DISTINCTIVE_COMMANDS.has(command) && args.length > 0) return `'${receiver}.${command.toLowerCase()}' is a Redis command on a receiver not traced to ioredis/redis`;
  const first = args[0] && stringValue(args[0]);
  if (command === "KEYS" && first && GLOB_LITERAL.test(first)) return `'${receiver}.keys("${first}")' looks like Redis KEYS on an untraced receiver`;
  return undefined;
}

function methodName(callee: any): string | undefined {
  if (!callee.computed && callee.property.type === "Identifier") return callee.property.name;
  if (callee.computed && isStringLiteral(callee.property)) return String(callee.property.value);
  return undefined;
}

function calleeText(node: any): string {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression") return `${calleeText(node.object)}.${node.property.name ?? "?"}`;
  return "?";
}

function receiverText(node: any): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "ThisExpression") return "this";
  // `this.redisService.getClient()`: a client handed out by an injected service.
  if (node.type === "CallExpression" && node.arguments.length === 0) {
    const callee = receiverText(node.callee);
    return callee ? `${callee}()` : undefined;
  }
  if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier") {
    const base = receiverText(node.object);
    return base ? `${base}.${node.property.name}` : undefined;
  }
  return undefined;
}

function isTransactionChain(node: any): boolean {
  for (let n = node; n; n = n.callee?.object) {
    if (n.type !== "CallExpression" || n.callee.type !== "MemberExpression") return false;
    if (TRANSACTION_METHODS.has(n.callee.property?.name)) return true;
  }
  return false;
}

function isPromisify(callee: any): boolean {
  if (callee.type === "Identifier") return callee.name === "promisify";
  return callee.type === "MemberExpression" && !callee.computed && callee.property.name === "promisify";
}

function hasCallbackArg(path: ASTPath<any>): boolean {
  return path.node.arguments.some(isFunction);
}

function functionName(path: ASTPath<any>): { name: string; scope: ASTNode } | undefined {
  const node = path.node;
  if (node.type === "FunctionDeclaration" && node.id) {
    const scope = path.parent?.scope?.lookup(node.id.name) ?? path.parent?.scope;
    return scope ? { name: node.id.name, scope: scope.node } : undefined;
  }
  const parent = path.parent;
  if (parent?.node.type === "VariableDeclarator" && parent.node.id.type === "Identifier") {
    const scope = parent.scope?.lookup(parent.node.id.name) ?? parent.scope;
    return scope ? { name: parent.node.id.name, scope: scope.node } : undefined;
  }
  return undefined;
}

const CALLBACK_NAME = /^(cb|callback|done|next|fn|handler|onDone|onResult)$/i;

/** A legacy node-redis trailing callback: a function literal, a callback-named identifier, or a declared function. */
function isCallbackArg(path: ASTPath<any>): boolean {
  const node = path.node;
  if (isFunction(node)) return true;
  if (node.type !== "Identifier") return false;
  if (CALLBACK_NAME.test(node.name)) return true;
  const scope = path.scope?.lookup(node.name);
  const binding = scope?.getBindings()[node.name]?.[0];
  const declaration = binding?.parent?.node;
  // The binding must be the function's own name: a parameter's binding also has the function as parent.
  if (declaration?.type === "FunctionDeclaration") return declaration.id === binding.node;
  return declaration?.type === "VariableDeclarator" && isFunction(declaration.init);
}

export function isFunction(node: any): boolean {
  return node?.type === "FunctionExpression" || node?.type === "ArrowFunctionExpression";
}

export function isStringLiteral(node: any): boolean {
  return node?.type === "StringLiteral" || (node?.type === "Literal" && typeof node.value === "string");
}

/** The static string value of a string literal or an expression-free template literal. */
export function stringValue(node: any): string | undefined {
  if (isStringLiteral(node)) return String(node.value);
  if (node?.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0].value.cooked ?? node.quasis[0].value.raw;
  return undefined;
}

/** Values that can never be a client: literals, arrays, functions, `new Map()`-like constructions. */
function isPlainValue(node: any): boolean {
  return /Literal$/.test(node.type) || node.type === "ArrayExpression" || node.type === "TemplateLiteral" || isFunction(node) || node.type === "ClassExpression";
}
