/**
 * Small questions require-ttl asks of a command call: where its first key is, which callback gets
 * its reply, what SETNX answered in its library and what names around it may say "lock". (Batch
 * arrays, `pipeline([["set", k, v]])`, are read by `../redis/batches.ts`.)
 */
import type { ASTPath, JSCodeshift } from "jscodeshift";
import { type CommandCall, keyArgumentsOf } from "../redis/clients.js";
import { constantString } from "./keys.js";
import { BOOLEAN_REPLY, NUMERIC_REPLY, type ReplyMapping } from "./replies.js";
import type { TextEdits } from "./text-edits.js";

const EXPIRY_TOKEN = /^(EX|PX|EXAT|PXAT|KEEPTTL)$/i;
const EXPIRY_PROPERTY = /^(EX|PX|EXAT|PXAT|KEEPTTL|expiration)$/;

/** The path of a command's first key argument. */
export function firstKey(j: JSCodeshift, call: CommandCall): ASTPath<any> | undefined {
  const key = keyArgumentsOf(call).keys[0];
  if (!key) return undefined;
  for (const arg of call.args) {
    if (arg.node === key) return arg;
    const inner = j(arg)
      .find(j.Node)
      .filter((p: ASTPath<any>) => p.node === key);
    if (inner.length) return inner.paths()[0];
  }
  return undefined;
}

/** Names around a write that may say "lock": the variable receiving the reply, the enclosing function. */
export function namesAround(path: ASTPath<any>): string[] {
  const names: string[] = [];
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    const n = p.node;
    if (n.type === "VariableDeclarator" && n.id.type === "Identifier") names.push(n.id.name);
    if (n.type === "AssignmentExpression" && n.left.type === "Identifier") names.push(n.left.name);
    if (/Function|Method$/.test(n.type)) {
      const name = n.id?.name ?? n.key?.name ?? (p.parent?.node.type === "VariableDeclarator" ? p.parent.node.id.name : undefined);
      if (name) names.push(name);
      break;
    }
  }
  return names;
}

/** The callback that receives the reply: legacy's trailing callback, or an ioredis trailing function. */
export function callbackOf(call: CommandCall): ASTPath<any> | undefined {
  if (call.callback) return call.callback;
  const args = call.path.node.arguments;
  const last = args.length - 1;
  return last >= 0 && /FunctionExpression$/.test(args[last].type) ? call.path.get("arguments", last) : undefined;
}

/** What SETNX answered in this library: 1/0, or true/false for node-redis v4 `setNX`; unknown major: neither. */
export function setnxReply(call: CommandCall): ReplyMapping {
  if (call.client.flavour !== "node-redis" || call.form !== "method") return NUMERIC_REPLY;
  if (call.client.major === undefined) return new Map();
  return call.client.major === 4 ? BOOLEAN_REPLY : NUMERIC_REPLY;
}

/** `setnx` → `set` as the call spells it: `SETNX` → `SET`, `setNX` → `set`, `call("setnx")` → `call("set")`. */
export function renameSetnx(edits: TextEdits, call: CommandCall): void {
  const node = call.path.node;
  const name = call.form === "sendCommand" ? node.arguments[0].elements[0] : call.form === "call" ? node.arguments[0] : node.callee.property;
  edits.replace(edits.start(name), edits.end(name), edits.slice(name).replace(/setnx/i, (m) => (m === m.toUpperCase() ? "SET" : "set")));
}

/** Any expiry token or option property among a SET's arguments, whatever the library. */
export function looksExpiring(path: ASTPath<any>): boolean {
  return path.node.arguments.some((arg: any, i: number) => {
    if (arg.type === "ObjectExpression") return arg.properties.some((p: any) => EXPIRY_PROPERTY.test(p.key?.name ?? p.key?.value ?? ""));
    return EXPIRY_TOKEN.test(constantString(path.get("arguments", i)) ?? "");
  });
}
