/**
 * Decides, for every KEYS call and every unbounded read, what the keys-to-scan transform does:
 * a rewrite (with the finding that records it) or a finding only. Deciding touches nothing, so a
 * file with findings only is left exactly as parsed; `apply` runs later, last site first.
 */
import type { ASTNode, ASTPath, JSCodeshift } from "jscodeshift";
import type { CommandCall, RedisModel } from "../redis/clients.js";
import { stringValue } from "../redis/clients.js";
import { isPure } from "./ast.js";
import { applyCallbackSite, removeStatementLine, unusedBindingText } from "./callbacks.js";
import { applySite } from "./rewrite.js";
import { scanLibrary, supported } from "./sources.js";
import type { CodeStyle } from "./style.js";
import { classifyUse } from "./uses.js";

export interface Plan {
  path: ASTPath<any>;
  message: string;
  /** Present when the site is rewritten; may return an edit of the printed text (see callbacks.ts). */
  apply?: () => ((printed: string) => string) | void;
}

export interface PlanEnv {
  j: JSCodeshift;
  model: RedisModel;
  style: CodeStyle;
  source: string;
  count: number;
  /** The name of the callback helper, chosen once per file. */
  helper: () => string;
}

const SHAPE_MESSAGES = {
  each: "KEYS replaced by SCAN: the loop runs batch by batch, on each key once",
  delete: "KEYS replaced by SCAN: each batch is deleted as it arrives",
  collect: "KEYS replaced by SCAN: keys collected without duplicates",
  promise: "KEYS replaced by SCAN: keys collected without duplicates",
  callback: "KEYS replaced by SCAN: the callback gets all keys once, without duplicates",
} as const;
const ON_CLUSTER = " (on every master node)";

/** What to do with one KEYS call on a proven client. */
export function planKeys(env: PlanEnv, call: CommandCall): Plan {
  const path = call.path;
  const report = (message: string): Plan => ({ path, message });
  if (call.inTransaction) return report("KEYS queued in multi()/pipeline() — not rewritten: SCAN needs one round trip per batch, which a transaction cannot do");
  if (/Buffer$/.test(call.method)) return report(`KEYS returning Buffers (${call.method}) — not rewritten: use scanBuffer/scanBufferStream by hand`);
  // ioredis takes an optional node-style callback after the arguments.
  const ioredisCallback = call.client.flavour === "ioredis" && call.args.length === 2 && /^(Identifier|FunctionExpression|ArrowFunctionExpression)$/.test(call.args[1].node.type) ? call.args[1].node : undefined;
  const args = ioredisCallback ? call.args.slice(0, 1) : call.args;
  const pattern = args.length === 1 && !/^(SpreadElement|ArrayExpression|ObjectExpression)$/.test(args[0].node.type) ? args[0].node : undefined;
  if (!pattern) return report("KEYS with an unexpected argument list — not rewritten");
  const client = clientNode(call);
  if (!client) return report("KEYS through a promisified function whose client cannot be traced — not rewritten");
  const promiseMethod = libraryPromiseMethod(path);
  if (promiseMethod) return report(`KEYS whose promise is used through .${promiseMethod}() (a Bluebird-style promise method) — not rewritten: SCAN gives a native promise, which has no .${promiseMethod}()`);
  if (call.client.flavour === "node-redis-legacy" || call.callback || ioredisCallback) return planCallback(env, call, client, pattern, ioredisCallback);
  const library = scanLibrary(call.client);
  if (!library || !supported({ library, cluster: call.client.cluster, command: "SCAN" })) return report("KEYS on a client whose SCAN shape is unknown — not rewritten");
  const use = classifyUse(env.j, env.model, call, { deletes: true, moved: [client, pattern] });
  const scan = { library, cluster: call.client.cluster, command: "SCAN" as const, count: env.count };
  return {
    path,
    message: SHAPE_MESSAGES[use.kind] + (call.client.cluster ? ON_CLUSTER : ""),
    apply: () => applySite(env.j, { use, scan, client, target: pattern }, env.style, env.source),
  };
}

const NATIVE_PROMISE_METHODS = new Set(["then", "catch", "finally"]);

/** `keysAsync(p).map(fn)`: the name of a promise method native promises lack, if the result is used through one. */
function libraryPromiseMethod(path: ASTPath<any>): string | undefined {
  const parent = path.parent?.node;
  if (!parent || (parent.type !== "MemberExpression" && parent.type !== "OptionalMemberExpression") || path.name !== "object" || parent.computed) return undefined;
  const name = parent.property.type === "Identifier" ? parent.property.name : undefined;
  return name && !NATIVE_PROMISE_METHODS.has(name) ? name : undefined;
}

/** Legacy callbacks and promisified legacy calls: the callback helper. */
function planCallback(env: PlanEnv, call: CommandCall, client: ASTNode, pattern: ASTNode, ioredisCallback?: ASTNode): Plan {
  const path = call.path;
  if (env.style.typescript) return { path, message: "callback-style KEYS in TypeScript — not rewritten: rewrite it with await and SCAN" };
  if (call.client.cluster) return { path, message: "KEYS with a callback on a cluster client — not rewritten" };
  const callback = call.callback?.node ?? ioredisCallback;
  const promised = call.form === "promisified" && !callback;
  if (!callback && !promised) return { path, message: "KEYS without a callback or promise on a callback client — not rewritten" };
  if (callback && path.parent?.node.type !== "ExpressionStatement") return { path, message: "KEYS with a callback whose return value is used — not rewritten" };
  return {
    path,
    message: promised ? SHAPE_MESSAGES.collect : SHAPE_MESSAGES.callback,
    apply: () => {
      const program = programOf(path);
      const bound = path.node.callee.type === "Identifier" ? (path.node.callee.name as string) : undefined;
      applyCallbackSite(env.j, { path, client, pattern, callback }, env.style, env.helper(), env.count);
      const unused = bound && program ? unusedBindingText(env.j, program, bound, env.source) : undefined;
      return unused ? (printed: string) => removeStatementLine(printed, unused) : undefined;
    },
  };
}

function programOf(path: ASTPath<any>): ASTNode | undefined {
  let p: ASTPath<any> | null = path;
  while (p && p.node.type !== "Program") p = p.parent;
  return p?.node;
}

/**
 * The client expression of a call: its receiver, or for a bound promisified command the client
 * it was bound from (`const keysAsync = promisify(client.keys).bind(client)`).
 */
function clientNode(call: CommandCall): ASTNode | undefined {
  const callee = call.path.node.callee;
  if (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") return callee.object;
  if (callee.type !== "Identifier") return undefined;
  const binding = call.path.scope?.lookup(callee.name)?.getBindings()[callee.name]?.[0];
  const init = binding?.parent?.node.type === "VariableDeclarator" ? binding.parent.node.init : undefined;
  const member = promisifiedMember(init);
  return member && isPure(member.object) ? member.object : undefined;
}

/** `promisify(x.keys).bind(x)` / `promisify(x.keys.bind(x))` / `util.promisify(...)` → the `x.keys` member. */
function promisifiedMember(init: any): any {
  let node = init;
  if (node?.type === "CallExpression" && node.callee.type === "MemberExpression" && node.callee.property.name === "bind") node = node.callee.object;
  if (node?.type !== "CallExpression") return undefined;
  let target = node.arguments[0];
  if (target?.type === "CallExpression" && target.callee.type === "MemberExpression" && target.callee.property.name === "bind") target = target.callee.object;
  return target?.type === "MemberExpression" && !target.computed ? target : undefined;
}

// ---- unbounded reads -----------------------------------------------------------------------------

const READ_MESSAGES: Record<string, string> = {
  HGETALL: "HGETALL reads the whole hash in one call (O(N)) — for hashes that can grow, read the fields you need (HMGET) or page with HSCAN",
  SMEMBERS: "SMEMBERS reads the whole set in one call (O(N)) — for sets that can grow, page with SSCAN",
  LRANGE: "LRANGE 0 -1 reads the whole list in one call (O(N)) — for lists that can grow, read bounded ranges",
  ZRANGE: "ZRANGE 0 -1 reads the whole sorted set in one call (O(N)) — for sorted sets that can grow, read bounded ranges or page with ZSCAN",
  ZREVRANGE: "ZREVRANGE 0 -1 reads the whole sorted set in one call (O(N)) — for sorted sets that can grow, read bounded ranges",
};
const WHOLE_RANGE = new Set(["LRANGE", "ZRANGE", "ZREVRANGE"]);

/** A finding (and for SMEMBERS consumed by a loop, an SSCAN rewrite) for an O(N) read, else undefined. */
export function planRead(env: PlanEnv, call: CommandCall): Plan | undefined {
  const message = READ_MESSAGES[call.command];
  if (!message) return undefined;
  if (WHOLE_RANGE.has(call.command) && !(rangeValue(call.args[1]?.node) === 0 && rangeValue(call.args[2]?.node) === -1)) return undefined;
  const path = call.path;
  if (call.command !== "SMEMBERS" || call.inTransaction || call.callback || call.form !== "method" || call.args.length !== 1) return { path, message };
  const library = scanLibrary(call.client);
  const client = clientNode(call);
  const key = call.args[0].node;
  if (!library || !client || !supported({ library, cluster: call.client.cluster, command: "SSCAN" })) return { path, message };
  const use = classifyUse(env.j, env.model, call, { deletes: false, moved: [client, key] });
  if (use.kind !== "each") return { path, message };
  const scan = { library, cluster: call.client.cluster, command: "SSCAN" as const, count: env.count };
  return {
    path,
    message: "SMEMBERS replaced by SSCAN: the loop runs batch by batch, on each member once",
    apply: () => applySite(env.j, { use, scan, client, target: key }, env.style, env.source),
  };
}

function rangeValue(node: any): number | undefined {
  if (!node) return undefined;
  if (node.type === "NumericLiteral" || (node.type === "Literal" && typeof node.value === "number")) return node.value;
  if (node.type === "UnaryExpression" && node.operator === "-" && node.argument.type === "NumericLiteral") return -node.argument.value;
  const text = stringValue(node);
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
}

// ---- KEYS the model cannot rewrite ----------------------------------------------------------------

const LUA_KEYS = /redis\.p?call\(\s*["']keys["']/i;

/** String literals holding Lua scripts that call KEYS (eval, defineCommand, SCRIPT LOAD). */
export function luaKeys(j: JSCodeshift, root: ReturnType<JSCodeshift>): Plan[] {
  const plans: Plan[] = [];
  const message = "KEYS inside a Lua script — not rewritten: the script blocks Redis while KEYS runs; iterate with SCAN outside the script";
  root.find(j.StringLiteral).forEach((p) => {
    if (LUA_KEYS.test(String(p.node.value))) plans.push({ path: p, message });
  });
  root.find(j.TemplateLiteral).forEach((p) => {
    if (p.node.quasis.some((q) => LUA_KEYS.test(q.value.cooked ?? q.value.raw))) plans.push({ path: p, message });
  });
  return plans;
}

/** KEYS on receivers that look like clients but are not proven. */
export function possibleKeysClients(model: RedisModel): Plan[] {
  return model
    .possibleClients()
    .filter((c) => c.command === "KEYS")
    .map((c) => ({ path: c.path, message: `possible Redis client — not rewritten: ${c.reason}` }));
}
