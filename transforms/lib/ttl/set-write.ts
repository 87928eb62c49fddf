/**
 * A SET (or SETNX) write in any of the shapes the client libraries accept, its expiry options as
 * far as they are statically known, and the edit that gives it an expiry in that same shape:
 * positional tokens (ioredis, legacy node-redis, `call`, `sendCommand`, batch arrays) or the
 * node-redis v4+ options object.
 */
import type { ASTPath } from "jscodeshift";
import type { CommandCall } from "../redis/clients.js";
import { constantInit, constantString, unwrapPath, visit } from "./keys.js";
import type { TextEdits } from "./text-edits.js";

export interface SetWrite {
  /** The call (or batch element) to report at. */
  path: ASTPath<any>;
  /** The node whose `field` array holds the wire arguments. */
  owner: ASTPath<any>;
  field: "arguments" | "elements";
  keyIndex: number;
  /** End (exclusive) of the option tokens: a trailing callback stays after them. */
  end: number;
  shape: "positional" | "object";
  /** node-redis `sendCommand` takes strings only. */
  stringTtl: boolean;
}

export interface SetOptions {
  hasTtl: boolean;
  nx: boolean;
  /** Why the options cannot be read (spread, unknown token, options from elsewhere). */
  unknown?: string;
  /** Positional: indexes of condition tokens (with their values) and GET, in wire order. */
  conditions: number[];
  gets: number[];
  /** node-redis: the options are a file constant, spread into a new object on rewrite. */
  constant?: string;
}

/** The expiry to add: its unit and the source text of its value (`3600`, `LAST_ORDER_TTL`). */
export interface Expiry {
  unit: "EX" | "PX";
  text: string;
}

const TTL_TOKENS = new Set(["EX", "PX", "EXAT", "PXAT"]);
const VALUE_CONDITIONS = new Set(["IFEQ", "IFNE", "IFDEQ", "IFDNE"]);
const TTL_PROPERTIES = new Set(["EX", "PX", "EXAT", "PXAT", "expiration"]);

/** Where the arguments of a SET/SETNX command call live. */
export function setWriteOf(call: CommandCall): SetWrite | undefined {
  const { path, client, form } = call;
  const args = path.node.arguments;
  const trailingFunction = args.length > 0 && /FunctionExpression$/.test(args[args.length - 1].type) ? 1 : 0;
  const callbackCount = call.callback ? 1 : trailingFunction;
  const base = { path, owner: path, field: "arguments" as const, stringTtl: false, shape: "positional" as const };
  if (form === "sendCommand") {
    const array = path.get("arguments", 0);
    return { ...base, owner: array, field: "elements", keyIndex: 1, end: array.node.elements.length, stringTtl: client.flavour === "node-redis" };
  }
  if (form === "call") {
    if (args[1]?.type === "ArrayExpression" && args.length - callbackCount === 2) return arrayWrite(base, path.get("arguments", 1), 0);
    return { ...base, keyIndex: 1, end: args.length - callbackCount };
  }
  if (client.flavour === "node-redis" && form === "method") return { ...base, shape: "object", keyIndex: 0, end: args.length };
  if (client.flavour === "node-redis-legacy" && args[0]?.type === "ArrayExpression") return arrayWrite(base, path.get("arguments", 0), 0);
  if (client.flavour === "node-redis-legacy" && args[1]?.type === "ArrayExpression") return undefined;
  return { ...base, keyIndex: 0, end: args.length - callbackCount };
}

/** An ioredis/legacy batch element `["set", key, value, ...]`. */
export function batchWrite(element: ASTPath<any>): SetWrite {
  return { path: element, owner: element, field: "elements", keyIndex: 1, end: element.node.elements.length, shape: "positional", stringTtl: false };
}

function arrayWrite(base: Omit<SetWrite, "keyIndex" | "end">, array: ASTPath<any>, keyIndex: number): SetWrite {
  return { ...base, owner: array, field: "elements", keyIndex, end: array.node.elements.length };
}

export function keyPath(write: SetWrite): ASTPath<any> {
  return write.owner.get(write.field, write.keyIndex);
}

function list(write: SetWrite): any[] {
  return write.owner.node[write.field];
}

/** Reads the expiry, NX and other options of a write. */
export function readOptions(write: SetWrite): SetOptions {
  const items = list(write);
  const head = items.slice(0, write.keyIndex + 2);
  if (head.length < write.keyIndex + 2 || head.some((n) => !n || n.type === "SpreadElement")) {
    return unknown("the key and value are not plain arguments");
  }
  return write.shape === "object" ? objectOptions(write) : positionalOptions(write);
}

function unknown(reason: string): SetOptions {
  return { hasTtl: false, nx: false, unknown: reason, conditions: [], gets: [] };
}

/** ioredis `set(k, v, "NX", "GET")`, legacy `set(k, v, "EX", 60, cb)`, `call("set", k, v, MODE, 5)`. */
function positionalOptions(write: SetWrite): SetOptions {
  const items = list(write);
  const out: SetOptions = { hasTtl: false, nx: false, conditions: [], gets: [] };
  for (let i = write.keyIndex + 2; i < write.end; i++) {
    const token = items[i]?.type === "SpreadElement" ? undefined : constantString(write.owner.get(write.field, i))?.toUpperCase();
    if (token === undefined) return unknown("an option argument is not a known constant");
    if (TTL_TOKENS.has(token) || token === "KEEPTTL") {
      out.hasTtl = true;
      if (token !== "KEEPTTL") i++;
    } else if (token === "NX" || token === "XX") {
      out.nx ||= token === "NX";
      out.conditions.push(i);
    } else if (VALUE_CONDITIONS.has(token)) {
      out.conditions.push(i, i + 1);
      i++;
    } else if (token === "GET") {
      out.gets.push(i);
    } else return unknown(`unknown SET option "${token}"`);
  }
  return out;
}

/** node-redis `set(k, v, { NX: true })`, `set(k, v, OPTIONS)` with a constant object. */
function objectOptions(write: SetWrite): SetOptions {
  const items = list(write);
  if (write.end > write.keyIndex + 3) return unknown("SET has more arguments than node-redis takes");
  const arg = items[write.keyIndex + 2];
  if (!arg) return { hasTtl: false, nx: false, conditions: [], gets: [] };
  const path = write.owner.get(write.field, write.keyIndex + 2);
  if (arg.type === "ObjectExpression") return objectLiteralOptions(path, 0);
  if (arg.type !== "Identifier") return unknown("the SET options are computed at run time");
  const init = constantObject(path);
  if (!init) return unknown(`the SET options \`${arg.name}\` are not a constant object of this file`);
  const read = objectLiteralOptions(init, 0);
  if (read.unknown || read.hasTtl) return read;
  if (!onlyReadBySet(path, arg.name)) return unknown(`the SET options \`${arg.name}\` are also used elsewhere and could change`);
  return { ...read, constant: arg.name };
}

function objectLiteralOptions(path: ASTPath<any>, depth: number): SetOptions {
  const out: SetOptions = { hasTtl: false, nx: false, conditions: [], gets: [] };
  for (let i = 0; i < path.node.properties.length; i++) {
    const prop = path.node.properties[i];
    if (prop.type === "SpreadElement" && depth < 4) {
      const init = prop.argument.type === "Identifier" ? constantObject(path.get("properties", i, "argument")) : undefined;
      if (!init) return unknown("the SET options spread an object that is not a constant of this file");
      const inner = objectLiteralOptions(init, depth + 1);
      if (inner.unknown) return inner;
      out.hasTtl ||= inner.hasTtl;
      out.nx ||= inner.nx;
      continue;
    }
    const name = propertyName(prop);
    if (name === undefined) return unknown("the SET options have a computed property");
    if (TTL_PROPERTIES.has(name) || (name === "KEEPTTL" && !isFalse(prop.value))) out.hasTtl = true;
    if ((name === "NX" && !isFalse(prop.value)) || (name === "condition" && constantString(path.get("properties", i, "value")) === "NX")) out.nx = true;
  }
  return out;
}

/** The object literal a constant identifier stands for (`as const` and the like seen through). */
function constantObject(path: ASTPath<any>): ASTPath<any> | undefined {
  const init = constantInit(path);
  const object = init && unwrapPath(init);
  return object?.node.type === "ObjectExpression" ? object : undefined;
}

function propertyName(prop: any): string | undefined {
  if ((prop.type !== "ObjectProperty" && prop.type !== "Property") || prop.computed) return undefined;
  if (prop.key.type === "Identifier") return prop.key.name;
  return typeof prop.key.value === "string" ? prop.key.value : undefined;
}

function isFalse(node: any): boolean {
  return (node.type === "BooleanLiteral" || node.type === "Literal") && node.value === false;
}

/** Every use of the options constant is as the third argument of a call (no writes to it). */
function onlyReadBySet(path: ASTPath<any>, name: string): boolean {
  const scope = path.scope?.lookup(name);
  let ok = true;
  visit(scope?.node, (n) => {
    if (n.type === "AssignmentExpression" && memberRoot(n.left) === name) ok = false;
    if (n.type === "UnaryExpression" && n.operator === "delete" && memberRoot(n.argument) === name) ok = false;
    if (n.type === "CallExpression") {
      n.arguments.forEach((a: any, i: number) => {
        if (a.type === "Identifier" && a.name === name && i !== 2) ok = false;
      });
    }
  });
  return ok;
}

function memberRoot(node: any): string | undefined {
  let n = node;
  while (n?.type === "MemberExpression") n = n.object;
  return n?.type === "Identifier" ? n.name : undefined;
}

/**
 * Gives the write an expiry in its own shape, with NX added for a former SETNX. The expiry goes
 * right after the value, so existing NX/XX/GET tokens keep their (valid) order after it.
 * Before: `set(k, v, "NX", "GET")` / `set(k, v, { NX: true })`
 * After:  `set(k, v, "EX", 30, "NX", "GET")` / `set(k, v, { NX: true, EX: 30 })`
 */
export function addExpiry(edits: TextEdits, write: SetWrite, options: SetOptions, expiry: Expiry, addNx = false): void {
  const items = list(write);
  const valueIndex = write.keyIndex + 1;
  if (write.shape === "positional") {
    const ttl = write.stringTtl ? edits.quote(expiry.text) : expiry.text;
    const tokens = [edits.quote(expiry.unit), ttl, ...(addNx ? [edits.quote("NX")] : [])];
    return edits.insertAfterElement(items, valueIndex, tokens.join(", "));
  }
  const props = [...(addNx ? ["NX: true"] : []), `${expiry.unit}: ${expiry.text}`].join(", ");
  const existing = items[valueIndex + 1];
  if (!existing) edits.insertAfterElement(items, valueIndex, `{ ${props} }`);
  else if (options.constant) edits.replace(edits.start(existing), edits.end(existing), `{ ...${options.constant}, ${props} }`);
  else edits.insertProperties(existing, props);
}
