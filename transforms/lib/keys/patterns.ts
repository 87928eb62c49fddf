/**
 * The MATCH patterns handed to SCAN and KEYS, in every client shape: `keys(p)`,
 * `scan(c, "MATCH", p, "COUNT", n)`, `scan(c, { MATCH: p })`, `call("scan", c, "MATCH", p)`,
 * `sendCommand(["SCAN", c, "MATCH", p])`, `scanIterator({ MATCH: p })`, `scanStream({ match: p })`.
 * HSCAN/SSCAN/ZSCAN patterns match fields and members, not keys, and are not listed.
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { CommandCall, RedisModel } from "../redis/clients.js";
import { staticString } from "../redis/commands.js";
import { unwrapNode } from "./bindings.js";
import type { Origins } from "./origins.js";

export interface PatternSite {
  /** The pattern expression. */
  path: ASTPath<any>;
  /** The KEYS/SCAN call or the scanIterator/scanStream call. */
  call: ASTPath<any>;
  /** The command call, when it is one (not for iterators). */
  command?: CommandCall;
}

const MATCH = /^match$/i;

export function patternSites(j: JSCodeshift, root: Collection, model: RedisModel, origins: Origins): PatternSite[] {
  const sites: PatternSite[] = [];
  for (const call of model.commandCalls()) {
    const path = call.command === "KEYS" ? keysPattern(call) : call.command === "SCAN" ? scanPattern(call) : undefined;
    if (path) sites.push({ path, call: call.path, command: call });
  }
  root.find(j.CallExpression).forEach((p) => {
    if (!origins.isIterator(p)) return;
    const path = optionPattern(p.get("arguments", 0));
    if (path) sites.push({ path, call: p });
  });
  return sites;
}

function keysPattern(call: CommandCall): ASTPath<any> | undefined {
  const first = call.args[0];
  return first && unwrapNode(first.node).type !== "ArrayExpression" ? first : undefined;
}

function scanPattern(call: CommandCall): ASTPath<any> | undefined {
  if (call.form === "method" && call.client.flavour === "node-redis") return optionPattern(call.args[1]);
  const flat: ASTPath<any>[] = [];
  for (const arg of call.args) {
    if (unwrapNode(arg.node).type === "ArrayExpression") arg.get("elements").each((e: ASTPath<any>) => flat.push(e));
    else flat.push(arg);
  }
  const at = flat.findIndex((a, i) => i > 0 && MATCH.test(staticString(a.node) ?? ""));
  return at > 0 ? flat[at + 1] : undefined;
}

/** `{ MATCH: p }` / `{ match: p }` → p. */
function optionPattern(arg: ASTPath<any> | undefined): ASTPath<any> | undefined {
  if (!arg?.node || unwrapNode(arg.node).type !== "ObjectExpression") return undefined;
  let found: ASTPath<any> | undefined;
  let object = arg;
  while (object.node.type !== "ObjectExpression") object = object.get("expression");
  object.get("properties").each((prop: ASTPath<any>) => {
    const n = prop.node;
    if ((n.type !== "ObjectProperty" && n.type !== "Property") || n.computed) return;
    const name = n.key.type === "Identifier" ? n.key.name : staticString(n.key);
    if (name && MATCH.test(name)) found = prop.get("value");
  });
  return found;
}
