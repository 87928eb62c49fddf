/**
 * Where in the code a key gets (or deliberately does not get) its expiry: an EXPIRE of the same key
 * in the same function, a SET immediately followed by its EXPIRE, and the branch of
 * `if (ttl) set(k, v, "EX", ttl) else set(k, v)` that keeps the key on purpose.
 */
import type { ASTNode, ASTPath } from "jscodeshift";
import type { CommandCall } from "../redis/clients.js";
import { constantNumber } from "./keys.js";
import type { SourcePositions } from "./text-edits.js";

/** A write or EXPIRE of a key, with the key's signature (see `keySignature`). */
export interface KeyedSite {
  path: ASTPath<any>;
  signature: string;
}

export const EXPIRE_COMMANDS = new Set(["EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"]);
const EXITS = new Set(["ReturnStatement", "ThrowStatement"]);

/** The nearest enclosing function (or the program): the "flow" a key's EXPIRE is looked for in. */
export function flowOf(path: ASTPath<any>): ASTNode {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    if (/Function|Method$/.test(p.node.type) || p.node.type === "Program") return p.node;
  }
  return path.node;
}

/** Keys that get an EXPIRE somewhere in each flow. */
export class ExpiryIndex {
  private readonly byFlow = new Map<ASTNode, Set<string>>();

  add(site: KeyedSite): void {
    const flow = flowOf(site.path);
    let set = this.byFlow.get(flow);
    if (!set) this.byFlow.set(flow, (set = new Set()));
    set.add(site.signature);
  }

  /** True when the key of `site` gets an EXPIRE in the same flow. */
  has(site: KeyedSite): boolean {
    return this.byFlow.get(flowOf(site.path))?.has(site.signature) ?? false;
  }
}

export interface FollowingExpire {
  statement: ASTPath<any>;
  ttl: ASTPath<any>;
  unit: "EX" | "PX";
}

/**
 * The `expire(key, seconds)` statement right after the statement of a SET of the same key on the
 * same client, when merging it into the SET is exact: a constant positive TTL, no flags, no callbacks.
 * Before: `await r.set(k, v);\nawait r.expire(k, TTL);`   After: `await r.set(k, v, "EX", TTL);`
 */
export function followingExpire(set: CommandCall, setSite: KeyedSite, lookup: (node: ASTNode) => { call: CommandCall; site: KeyedSite } | undefined, source: SourcePositions): FollowingExpire | undefined {
  if (set.form !== "method" || set.inTransaction || set.callback) return undefined;
  const statement = statementOf(set.path);
  const siblings = statement?.parentPath?.value;
  if (!statement || !Array.isArray(siblings)) return undefined;
  const next = siblings[(statement.name as number) + 1];
  if (next?.type !== "ExpressionStatement" || next.comments?.length) return undefined;
  const expression = next.expression.type === "AwaitExpression" ? next.expression.argument : next.expression;
  const found = lookup(expression);
  if (!found || (found.call.command !== "EXPIRE" && found.call.command !== "PEXPIRE")) return undefined;
  const expire = found.call;
  if (expire.form !== "method" || expire.inTransaction || expire.callback || expire.args.length !== 2) return undefined;
  if (found.site.signature !== setSite.signature || textOf(expire.path.node.callee.object, source) !== textOf(set.path.node.callee.object, source)) return undefined;
  const seconds = constantNumber(expire.args[1]);
  if (seconds === undefined || seconds <= 0 || !Number.isInteger(seconds)) return undefined;
  return { statement: statement.parentPath.get((statement.name as number) + 1), ttl: expire.args[1], unit: expire.command === "PEXPIRE" ? "PX" : "EX" };
}

/** The expression statement whose value is `call` (optionally awaited), inside a statement list. */
function statementOf(call: ASTPath<any>): ASTPath<any> | undefined {
  const value = call.parent?.node.type === "AwaitExpression" ? call.parent : call;
  return value.parent?.node.type === "ExpressionStatement" ? value.parent : undefined;
}

function textOf(node: any, source: SourcePositions): string {
  return source.slice(node).replace(/\s+/g, "");
}

/**
 * True when the bare write at `bare` is the no-expiry path of a choice: the other branch of an
 * enclosing `if`/ternary writes the same key with an expiry, or an earlier `if` writes it with
 * one and leaves the function (and vice versa).
 */
export function isNoExpiryBranch(bare: KeyedSite, withExpiry: KeyedSite[]): boolean {
  const same = withExpiry.filter((w) => w.signature === bare.signature && flowOf(w.path) === flowOf(bare.path));
  if (!same.length) return false;
  const within = (...nodes: Array<ASTNode | null | undefined>) => same.some((w) => nodes.some((n) => n && isInside(w.path, n)));
  for (let p: ASTPath<any> = bare.path; p.parent && !/Function|Method$/.test(p.parent.node.type); p = p.parent) {
    const parent = p.parent.node;
    if (parent.type === "IfStatement" || parent.type === "ConditionalExpression") {
      if (p.name === "consequent" && within(parent.alternate)) return true;
      if (p.name === "alternate" && within(parent.consequent)) return true;
      if (p.name === "consequent" && parent.type === "IfStatement" && !parent.alternate && exits(parent.consequent) && within(...laterSiblings(p.parent))) return true;
    }
    if (Array.isArray(p.parentPath?.value) && earlierExitingIf(p, within)) return true;
  }
  return false;
}

function earlierExitingIf(statement: ASTPath<any>, within: (...nodes: ASTNode[]) => boolean): boolean {
  const siblings: any[] = statement.parentPath.value;
  return siblings.slice(0, statement.name as number).some((s) => s.type === "IfStatement" && !s.alternate && exits(s.consequent) && within(s.consequent));
}

/** A block (or statement) that always leaves the function: ends with return/throw. */
function exits(node: any): boolean {
  if (EXITS.has(node.type)) return true;
  return node.type === "BlockStatement" && node.body.length > 0 && EXITS.has(node.body[node.body.length - 1].type);
}

/** The statements after `statement` in its list. */
function laterSiblings(statement: ASTPath<any>): ASTNode[] {
  const siblings = statement.parentPath?.value;
  return Array.isArray(siblings) ? siblings.slice((statement.name as number) + 1) : [];
}

function isInside(path: ASTPath<any>, container: ASTNode): boolean {
  for (let p: ASTPath<any> | null = path; p; p = p.parent) if (p.node === container) return true;
  return false;
}
