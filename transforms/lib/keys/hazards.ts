/**
 * What namespacing can break without a single key site being wrong: code that parses key names
 * read back from SCAN/KEYS, Lua scripts that name keys literally, and keys another system reads by
 * their current name. These are reported, never rewritten.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { RedisModel } from "../redis/clients.js";
import { staticString } from "../redis/commands.js";
import { bindingOf, unwrapPath } from "./bindings.js";
import type { Origins } from "./origins.js";

/** String methods whose result depends on where the segments of a key start. */
const STRING_PARSERS = new Set(["split", "substring", "substr", "replace", "replaceAll", "match", "matchAll", "startsWith", "search", "charAt"]);
/** Methods shared with arrays: only a parse when called on a single key (a loop or callback variable). */
const SHARED_PARSERS = new Set(["slice", "indexOf", "lastIndexOf"]);
const SCRIPT_COMMANDS = new Set(["EVAL", "EVAL_RO"]);
const LUA_LITERAL_KEY = /redis\.p?call\(\s*(['"])[A-Za-z_.]+\1\s*,\s*(['"])([^'"]+)\2/g;
const LUA_KEY_PREFIX = /(['"])([A-Za-z0-9_.-]+:)\1\s*\.\./g;

/** Key namespaces owned by other software (job queues, session stores) that reads them by name. */
export const FOREIGN_NAMESPACES: Record<string, string> = {
  bull: "Bull",
  bullmq: "BullMQ",
  bee: "Bee-Queue",
  resque: "Resque",
  sidekiq: "Sidekiq",
  celery: "Celery",
  _kombu: "Kombu/Celery",
  rq: "RQ",
  sess: "connect-redis (express-session)",
  "socket.io": "socket.io-redis",
};

export interface Hazard {
  path: ASTPath<any>;
  message: string;
}

/**
 * `k.split(":")[1]`, `k.slice(PREFIX.length)`, `/^user:(\d+)/.exec(k)` on keys listed by SCAN/KEYS.
 * `k.split(":").pop()` and `k.slice(-n)` read from the end and survive namespacing.
 */
export function keyParsingHazards(j: JSCodeshift, root: Collection, origins: Origins, app: string): Hazard[] {
  const hazards: Hazard[] = [];
  const message = (what: string) =>
    `parses a key name returned by SCAN/KEYS (${what}): namespaced keys start with "${app}:<env>:", so segment positions and prefixes shift — adjust this code`;
  root.find(j.CallExpression).forEach((call) => {
    const callee = call.node.callee;
    if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return;
    const method = callee.property.name;
    const receiver = call.get("callee", "object");
    if ((method === "test" || method === "exec") && call.node.arguments[0] && isListedKey(j, root, origins, call.get("arguments", 0))) {
      hazards.push({ path: call, message: message(`a regular expression .${method}()`) });
      return;
    }
    const parses = STRING_PARSERS.has(method) || (SHARED_PARSERS.has(method) && isElementVariable(j, root, receiver));
    if (!parses || readsFromEnd(call, method) || !isListedKey(j, root, origins, receiver)) return;
    hazards.push({ path: call, message: message(`.${method}()`) });
  });
  return hazards;
}

/** A single key name (loop or callback variable) that came from SCAN/KEYS. */
function isListedKey(j: JSCodeshift, root: Collection, origins: Origins, path: ASTPath<any>): boolean {
  const p = unwrapPath(path);
  return p.node.type === "Identifier" && origins.originOf(p) === "scan" && isElementVariable(j, root, p);
}

/** A loop variable or a callback parameter: one element of a collection, not the collection. */
function isElementVariable(j: JSCodeshift, root: Collection, path: ASTPath<any>): boolean {
  const p = unwrapPath(path);
  if (p.node.type !== "Identifier") return false;
  const binding = bindingOf(j, root, p);
  return (binding.kind === "variable" && Boolean(binding.loopOver)) || binding.kind === "param";
}

/** `k.split(":").pop()`, `.at(-1)`, `k.slice(-4)`: positions counted from the end. */
function readsFromEnd(call: ASTPath<any>, method: string): boolean {
  if (method === "slice") return isNegative(call.node.arguments[0]);
  if (method !== "split") return false;
  const parent = call.parent?.node;
  if (parent?.type !== "MemberExpression" || parent.object !== call.node) return false;
  const next = call.parent.parent?.node;
  const name = parent.property?.name;
  if (next?.type !== "CallExpression" || next.callee !== parent) return false;
  return name === "pop" || ((name === "at" || name === "slice") && isNegative(next.arguments[0]));
}

function isNegative(node: any): boolean {
  return node?.type === "UnaryExpression" && node.operator === "-" && /Literal$/.test(node.argument.type);
}

/** Literal keys inside EVAL scripts and ioredis `defineCommand({ lua })` scripts. */
export function luaHazards(j: JSCodeshift, root: Collection, model: RedisModel): Hazard[] {
  const hazards: Hazard[] = [];
  for (const call of model.commandCalls()) {
    if (!SCRIPT_COMMANDS.has(call.command) || !call.args[0]) continue;
    const found = literalKeysInLua(scriptText(j, root, call.args[0]));
    if (found.length) hazards.push({ path: call.path, message: luaMessage(found) });
  }
  root.find(j.CallExpression, { callee: { property: { name: "defineCommand" } } }).forEach((p) => {
    if (!model.clientOf(p.get("callee", "object"))) return;
    const options = p.node.arguments[1] as any;
    const lua = options?.type === "ObjectExpression" ? options.properties.find((pr: any) => (pr.key?.name ?? pr.key?.value) === "lua") : undefined;
    const found = lua ? literalKeysInLua(scriptText(j, root, p.get("arguments", 1, "properties", options.properties.indexOf(lua), "value"))) : [];
    if (found.length) hazards.push({ path: p, message: luaMessage(found) });
  });
  return hazards;
}

function luaMessage(keys: string[]): string {
  return `Lua script names keys literally (${keys.map((k) => `"${k}"`).join(", ")}): scripts are not rewritten — pass keys through KEYS[] and build them with key()`;
}

function scriptText(j: JSCodeshift, root: Collection, path: ASTPath<any>): string {
  const p = unwrapPath(path);
  const direct = staticString(p.node);
  if (direct !== undefined) return direct;
  if (p.node.type === "Identifier") {
    const binding = bindingOf(j, root, p);
    if (binding.kind === "variable" && binding.init) return staticString(binding.init.node) ?? "";
  }
  return "";
}

function literalKeysInLua(script: string): string[] {
  const keys = new Set<string>();
  for (const m of script.matchAll(LUA_LITERAL_KEY)) keys.add(m[3]);
  for (const m of script.matchAll(LUA_KEY_PREFIX)) keys.add(`${m[2]}…`);
  return [...keys];
}
