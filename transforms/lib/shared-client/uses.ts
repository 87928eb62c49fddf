/**
 * What a function does with the client it built: sends commands (fine), connects and closes it
 * (removed with the construction), or keeps it busy, hands it on or lets it escape (the client
 * stays, or the function is a factory). Pure analysis: nothing here edits the tree.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { commandFromMethod, isBlockingCommand } from "../redis/commands.js";
import { calleeName, dottedName, isReference, literalString, logicalParent, resolveName, shadowedBetween } from "./ast.js";

export interface Removal {
  statement: ASTPath<any>;
  connect?: { awaited: boolean };
}

/** How a client outlives the function that built it: returned, kept by a module-level or `this` holder, or registered. */
export type FactoryKind = "returns" | "stores-module" | "stores-this" | "registers";

const CLOSE_METHODS = new Set(["quit", "disconnect", "close", "destroy", "end"]);
export const LISTEN_METHODS = new Set(["on", "once", "addListener", "prependListener"]);
const GENERIC_METHODS = new Set(["call", "sendCommand", "send_command", "callBuffer"]);
const SUBSCRIBER_COMMANDS = new Set(["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR"]);
/** Events only a subscribed connection emits. */
const MESSAGE_EVENTS = new Set(["message", "pmessage", "smessage", "messageBuffer", "pmessageBuffer", "smessageBuffer"]);
const CONNECTION_STATE = new Set(["SELECT", "WATCH", "AUTH", "HELLO", "RESET", "READONLY", "READWRITE", "CLIENT SETNAME", "CLIENT TRACKING", "CLIENT REPLY", "CLIENT NO-EVICT", "CLIENT NO-TOUCH"]);
/** Calls that hand a client to a container or app that owns it from then on. */
const REGISTRATION = /^(register\w*|decorate\w*|provide\w*|bind|set|add\w*|useValue|singleton|instance|asValue|toConstantValue)$/;
const LOGGER = /^(console|logger|log|this\.logger|this\.log)\.|\.(log|info|warn|error|debug|trace|fatal)$/;
const MAX_HELPER_DEPTH = 3;

/** How a client value at `child` leaves the function, if it does: returned, stored, registered, handed on. */
export function escapeOf(parent: ASTPath<any>, child: ASTPath<any>, fn: ASTPath<any>): { factory: FactoryKind } | { problem: string } | undefined {
  const node = parent.node;
  if (node.type === "ReturnStatement" || (node.type === "ArrowFunctionExpression" && node.body === child.node)) return { factory: "returns" };
  if (node.type === "AssignmentExpression" && node.right === child.node) return assignmentEscape(parent, fn);
  if (node.type === "LogicalExpression" || node.type === "ConditionalExpression") {
    const outer = logicalParent(parent);
    return outer.parent ? escapeOf(outer.parent, outer.child, fn) : undefined;
  }
  if ((node.type === "CallExpression" || node.type === "NewExpression") && node.arguments.includes(child.node)) {
    const name = calleeName(node.callee) ?? "?";
    if (node.type === "CallExpression" && REGISTRATION.test(name)) return { factory: "registers" };
    return { problem: `client handed to \`${node.type === "NewExpression" ? "new " : ""}${dottedName(node.callee) ?? name}()\`, which may close it` };
  }
  if (node.type === "ObjectProperty" || node.type === "Property") {
    const object = logicalParent(parent.parent!);
    const outer = object.parent ? escapeOf(object.parent, object.child, fn) : undefined;
    return outer && "factory" in outer ? outer : { problem: "client stored in an object" };
  }
  if (node.type === "ArrayExpression" || node.type === "SpreadElement") return { problem: "client stored in an array" };
  return undefined;
}

function assignmentEscape(assignment: ASTPath<any>, fn: ASTPath<any>): { factory: FactoryKind } | { problem: string } {
  const left = assignment.node.left;
  if (left.type === "Identifier") {
    const declaration = resolveName(assignment, left.name);
    const local = declaration && !declaration.moduleLevel && isWithin(declaration.scope, fn);
    return local ? { problem: `client assigned to \`${left.name}\`, declared separately` } : { factory: "stores-module" };
  }
  let base = left;
  while (base.type === "MemberExpression") base = base.object;
  if (base.type === "ThisExpression") return { factory: "stores-this" };
  const declaration = base.type === "Identifier" ? resolveName(assignment, base.name) : undefined;
  if (declaration?.kind === "param") return { problem: `client stored on request data (\`${dottedName(left) ?? base.name}\`)` };
  if (declaration && !declaration.moduleLevel && isWithin(declaration.scope, fn)) return { problem: `client stored in \`${dottedName(left) ?? base.name}\`` };
  return { factory: "stores-module" };
}

function isWithin(path: ASTPath<any>, ancestor: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = path; p; p = p.parent) if (p.node === ancestor.node) return true;
  return false;
}

export interface Uses {
  refs: ASTPath<any>[];
  removals: Removal[];
  problem?: string;
}

/**
 * What the function does with its client variable. Commands and property reads are fine; closing
 * and connecting are removed; blocking, subscribing, connection state, aliasing or handing it on
 * keep the client where it is.
 */
export function analyzeUses(j: JSCodeshift, declarator: ASTPath<any>, fn: ASTPath<any>): Uses | { factory: FactoryKind } {
  return usesOfName(j, declarator.node.id.name, declaringBlock(declarator, fn), fn, declarator.node.id, 0);
}

/** The uses of `name` inside `block` (references to the binding declared by `declared`). */
function usesOfName(j: JSCodeshift, name: string, block: ASTPath<any>, fn: ASTPath<any>, declared: any, depth: number): Uses | { factory: FactoryKind } {
  const refs = j(block)
    .find(j.Identifier, { name })
    .paths()
    .filter((ref) => ref.node !== declared && isReference(ref) && !shadowedBetween(ref, name, block.node))
    .sort((a: ASTPath<any>, b: ASTPath<any>) => (a.node.start ?? 0) - (b.node.start ?? 0));
  const removals: Removal[] = [];
  let problem: string | undefined;
  for (const ref of refs) {
    const use = useOf(j, ref, name, fn, depth);
    if ("factory" in use) return use;
    if ("removal" in use) removals.push(use.removal);
    if ("problem" in use) problem ??= use.problem;
  }
  return { refs, removals, problem };
}

function declaringBlock(declarator: ASTPath<any>, fn: ASTPath<any>): ASTPath<any> {
  if (declarator.parent?.node.kind === "var") return fn.get("body");
  for (let p = declarator.parent; p; p = p.parent) if (p.node.type === "BlockStatement" || p.node === fn.node) return p;
  return fn;
}

type Use = { ok: true } | { removal: Removal } | { problem: string } | { factory: FactoryKind };

function useOf(j: JSCodeshift, ref: ASTPath<any>, name: string, fn: ASTPath<any>, depth: number): Use {
  const parent = ref.parent;
  const isMember = /^(Optional)?MemberExpression$/.test(parent.node.type) && parent.node.object === ref.node && !parent.node.computed;
  if (isMember) {
    const call = parent.parent;
    const called = /^(Optional)?CallExpression$/.test(call?.node.type) && call.node.callee === parent.node;
    return called ? methodUse(call, parent.node.property.name, name) : { ok: true };
  }
  const { parent: outer, child } = logicalParent(ref);
  const node = outer?.node;
  if (!node) return { ok: true };
  if (node.type === "AssignmentExpression" && node.left === child.node) return { problem: `\`${name}\` is reassigned` };
  if (node.type === "VariableDeclarator" && node.init === child.node) return { problem: `client aliased as \`${dottedName(node.id) ?? "?"}\`` };
  if (/^(IfStatement|UnaryExpression|BinaryExpression|LogicalExpression|ConditionalExpression|WhileStatement)$/.test(node.type) && !isValueOfLogical(outer!, child)) return { ok: true };
  if (node.type === "CallExpression" && node.arguments.includes(child.node)) {
    const helper = helperUse(j, outer!, node.arguments.indexOf(child.node), depth);
    if (helper) return helper;
  }
  return escapeOf(outer!, child, fn) ?? { problem: `client used as a value (\`${name}\` in ${node.type})` };
}

/**
 * A client passed to a function of this file is fine when that function only sends commands on it.
 * Before: `await loadCart(r, id)` with `async function loadCart(redis, id) { return redis.hgetall(...) }`
 */
function helperUse(j: JSCodeshift, call: ASTPath<any>, index: number, depth: number): Use | undefined {
  const callee = call.node.callee;
  const target = depth < MAX_HELPER_DEPTH ? helperParam(call, index) : undefined;
  if (!target) return undefined;
  const { helper, param } = target;
  const uses = usesOfName(j, param.name, helper.get("body"), helper, param, depth + 1);
  if ("factory" in uses) return undefined;
  if (uses.removals.length) return { problem: `client handed to \`${callee.name}()\`, which closes it` };
  return uses.problem ? { problem: uses.problem } : { ok: true };
}

/** The function of this file that `call` calls (`f(...)`, `function f` or `const f = () => ...`) and its plain parameter at `index`. */
function helperParam(call: ASTPath<any>, index: number): { helper: ASTPath<any>; param: any } | undefined {
  const callee = call.node.callee;
  if (callee.type !== "Identifier") return undefined;
  const declaration = resolveName(call.get("callee"), callee.name);
  const d = declaration?.declarator;
  const helper = d?.node.type === "FunctionDeclaration" ? d : declaration?.kind === "const" && /Function/.test(d?.node.init?.type ?? "") ? d!.get("init") : undefined;
  const param = helper?.node.params[index];
  return helper && param?.type === "Identifier" ? { helper, param } : undefined;
}

/** `x = r || fallback` passes the client on; `if (r && ...)` only tests it. */
function isValueOfLogical(outer: ASTPath<any>, child: ASTPath<any>): boolean {
  if (outer.node.type !== "LogicalExpression" && outer.node.type !== "ConditionalExpression") return false;
  if (outer.node.type === "ConditionalExpression" && outer.node.test === child.node) return false;
  const up = logicalParent(outer).parent?.node;
  return Boolean(up) && !/^(IfStatement|ExpressionStatement|UnaryExpression|WhileStatement|LogicalExpression)$/.test(up.type);
}

function methodUse(call: ASTPath<any>, method: string, name: string): Use {
  const args = call.node.arguments;
  if (method === "connect" || CLOSE_METHODS.has(method)) {
    if (args.some((a: any) => a.type === "FunctionExpression" || a.type === "ArrowFunctionExpression" || (a.type === "Identifier" && method !== "end"))) {
      return { problem: `\`${name}.${method}()\` takes a callback` };
    }
    const statement = lifecycleStatement(call, name);
    if (!statement) return { problem: `client ${method === "connect" ? "connected" : "closed"} inside an expression (\`${name}.${method}()\`)` };
    return { removal: method === "connect" ? { statement: statement.path, connect: { awaited: statement.awaited } } : { statement: statement.path } };
  }
  if (LISTEN_METHODS.has(method)) {
    const event = literalString(args[0]) ?? "?";
    const statement = event === "error" && isLoggingListener(args[1]) ? lifecycleStatement(call, name) : undefined;
    return statement ? { removal: { statement: statement.path } } : { problem: `client listens to '${event}' events per call` };
  }
  if (method === "duplicate") return { problem: "client duplicated per call" };
  const dedicated = dedicatedCommand(method, args);
  return dedicated ? { problem: dedicated } : { ok: true };
}

/** Why `client.<method>(...args)` needs a connection of its own: it subscribes, blocks, or changes connection state. */
function dedicatedCommand(method: string, args: any[]): string | undefined {
  const command = commandOf(method, args);
  if (!command) return undefined;
  if (SUBSCRIBER_COMMANDS.has(command)) return `subscriber connection (${command})`;
  if (isBlocking(command, args)) return `dedicated connection for blocking ${command}`;
  if (CONNECTION_STATE.has(command)) return `client uses connection state (${command})`;
  return undefined;
}

/**
 * Why a module-level client is a dedicated connection — it subscribes (or listens to messages),
 * blocks, or changes connection state anywhere in the file, or in a function of the file it is
 * handed to — else undefined. Such a client is no candidate to merge into the shared client.
 * Before: `var sub = redis.createClient(url); sub.subscribe("events");` → "subscriber connection (SUBSCRIBE)"
 */
export function dedicatedUseOf(j: JSCodeshift, root: Collection, declarator: ASTPath<any>): string | undefined {
  const name: string = declarator.node.id.name;
  const refs = root
    .find(j.Identifier, { name })
    .paths()
    .filter((ref) => ref.node !== declarator.node.id && isReference(ref) && resolveName(ref, name)?.declarator?.node === declarator.node);
  return dedicatedAmong(j, refs, 0);
}

function dedicatedAmong(j: JSCodeshift, refs: ASTPath<any>[], depth: number): string | undefined {
  for (const ref of refs) {
    const member = ref.parent;
    const isMember = /^(Optional)?MemberExpression$/.test(member?.node.type) && member.node.object === ref.node && !member.node.computed && member.node.property.type === "Identifier";
    const reason = isMember ? dedicatedMember(member) : depth < MAX_HELPER_DEPTH ? dedicatedInHelper(j, ref, depth) : undefined;
    if (reason) return reason;
  }
  return undefined;
}

function dedicatedMember(member: ASTPath<any>): string | undefined {
  const method: string = member.node.property.name;
  const call = member.parent;
  // `promisify(client.blpop)` sends the command too: a method read without a call still counts.
  const args: any[] = /^(Optional)?CallExpression$/.test(call?.node.type) && call.node.callee === member.node ? call.node.arguments : [];
  const event = LISTEN_METHODS.has(method) ? literalString(args[0]) : undefined;
  if (event && MESSAGE_EVENTS.has(event)) return `subscriber connection ('${event}' listener)`;
  return dedicatedCommand(method, args);
}

/** `listen(sub)` with `function listen(c) { c.subscribe(...) }` in the same file. */
function dedicatedInHelper(j: JSCodeshift, ref: ASTPath<any>, depth: number): string | undefined {
  const { parent: call, child } = logicalParent(ref);
  if (call?.node.type !== "CallExpression" || !call.node.arguments.includes(child.node)) return undefined;
  const target = helperParam(call, call.node.arguments.indexOf(child.node));
  if (!target) return undefined;
  const { helper, param } = target;
  const body = helper.get("body");
  const refs = j(body)
    .find(j.Identifier, { name: param.name })
    .paths()
    .filter((r) => isReference(r) && !shadowedBetween(r, param.name, body.node));
  return dedicatedAmong(j, refs, depth + 1);
}

function commandOf(method: string, args: any[]): string | undefined {
  if (GENERIC_METHODS.has(method)) {
    const first = args[0]?.type === "ArrayExpression" ? args[0].elements[0] : args[0];
    const name = literalString(first);
    return name?.toUpperCase();
  }
  return commandFromMethod(method)?.command;
}

/** XREAD/XREADGROUP block only with BLOCK; the rest by the command table's `blocking` flag. */
function isBlocking(command: string, args: any[]): boolean {
  if (command === "XREAD" || command === "XREADGROUP") {
    return args.some((a) => literalString(a)?.toUpperCase() === "BLOCK" || (a.type === "ObjectExpression" && a.properties.some((p: any) => (p.key?.name ?? literalString(p.key)) === "BLOCK")));
  }
  return isBlockingCommand(command);
}

/**
 * The statement that only runs `name.method()`: `await r.quit();`, `r.disconnect();`,
 * `r.quit().catch(noop);`, `r && r.quit();`, `r?.quit();`, or an `if (r) await r.quit();` around one.
 */
function lifecycleStatement(call: ASTPath<any>, name: string): { path: ASTPath<any>; awaited: boolean } | undefined {
  let p = call;
  while (p.parent?.node.type === "MemberExpression" && calleeName(p.parent.node) === "catch" && p.parent.parent?.node.type === "CallExpression") p = p.parent.parent;
  const logical = p.parent?.node;
  if (logical?.type === "LogicalExpression" && logical.operator === "&&" && logical.right === p.node && logical.left.type === "Identifier" && logical.left.name === name) p = p.parent;
  const awaited = p.parent?.node.type === "AwaitExpression";
  if (awaited) p = p.parent;
  if (p.parent?.node.type !== "ExpressionStatement") return undefined;
  return { path: ifAround(p.parent, name) ?? p.parent, awaited };
}

/** `if (r) { await r.quit(); }` — an if that only guards the statement on the client itself. */
function ifAround(statement: ASTPath<any>, name: string): ASTPath<any> | undefined {
  let s = statement;
  if (s.parent?.node.type === "BlockStatement" && s.parent.node.body.length === 1) s = s.parent;
  const ifPath = s.parent;
  if (ifPath?.node.type !== "IfStatement" || ifPath.node.consequent !== s.node || ifPath.node.alternate) return undefined;
  return onlyMentions(ifPath.node.test, name) ? ifPath : undefined;
}

/** A test built only from the client variable: `r`, `r.isOpen`, `r.status === "ready"`, `r && r.isReady`. */
function onlyMentions(node: any, name: string): boolean {
  switch (node.type) {
    case "Identifier":
      return node.name === name;
    case "MemberExpression":
    case "OptionalMemberExpression":
      return !node.computed && onlyMentions(node.object, name);
    case "UnaryExpression":
      return onlyMentions(node.argument, name);
    case "LogicalExpression":
    case "BinaryExpression":
      return (onlyMentions(node.left, name) || literalString(node.left) !== undefined) && (onlyMentions(node.right, name) || literalString(node.right) !== undefined || /Literal$/.test(node.right.type));
    default:
      return false;
  }
}

/** A listener that only logs: `(err) => console.error(err)`, `logger.warn`, `function (e) { log.error(e); }`. */
export function isLoggingListener(node: any): boolean {
  if (!node) return false;
  if (node.type === "MemberExpression") return LOGGER.test(dottedName(node) ?? "");
  if (node.type !== "ArrowFunctionExpression" && node.type !== "FunctionExpression") return false;
  const statements = node.body.type === "BlockStatement" ? node.body.body : [{ type: "ExpressionStatement", expression: node.body }];
  return statements.length > 0 && statements.every((s: any) => s.type === "ExpressionStatement" && s.expression.type === "CallExpression" && LOGGER.test(dottedName(s.expression.callee) ?? ""));
}

