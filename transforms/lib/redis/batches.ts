/**
 * Batch arrays: ioredis and legacy node-redis take a whole transaction or pipeline as an array of
 * commands, `client.pipeline([["set", k, v], ["expire", k, 60]])` / `multi([...])` / `batch([...])`.
 * Each element is a command spelt as its wire arguments, so its keys sit where the command
 * table says (`keyPositions`), after the command name. Shared by require-ttl (writes without a
 * TTL) and namespace-keys (keys to namespace).
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { ClientInfo, RedisModel } from "./clients.js";
import { keyArgumentNodes, staticString, type KeyArguments } from "./commands.js";

const BATCH_METHODS = new Set(["pipeline", "multi", "batch"]);

/** Reads the command name of an element: the literal, or a constant resolved by the caller. */
export type CommandName = (path: ASTPath<any>) => string | undefined;

const literalName: CommandName = (path) => staticString(path.node);

/**
 * The command arrays of `client.pipeline([[...], ...])` / `multi([...])` / `batch([...])` on proven
 * ioredis and legacy clients (node-redis v4+ has no array form). Elements whose first entry is
 * not a static command name are left out.
 */
export function batchElements(j: JSCodeshift, root: Collection, model: RedisModel, commandName: CommandName = literalName): ASTPath<any>[] {
  return batchEntries(j, root, model, commandName).map((e) => e.element);
}

export interface BatchEntry {
  /** The `["set", k, v]` array. */
  element: ASTPath<any>;
  /** Upper-case command name. */
  command: string;
  client: ClientInfo;
}

/** Same as `batchElements`, with each element's command and client. */
export function batchEntries(j: JSCodeshift, root: Collection, model: RedisModel, commandName: CommandName = literalName): BatchEntry[] {
  const found: BatchEntry[] = [];
  root.find(j.CallExpression).forEach((path) => {
    const { callee, arguments: args } = path.node as any;
    if (callee.type !== "MemberExpression" || !BATCH_METHODS.has(callee.property?.name) || args[0]?.type !== "ArrayExpression") return;
    const client = model.clientOf(path.get("callee", "object"));
    if (!client || client.flavour === "node-redis") return;
    path.get("arguments", 0, "elements").each((element: ASTPath<any>) => {
      if (element.node?.type !== "ArrayExpression") return;
      const name = commandName(element.get("elements", 0));
      if (name) found.push({ element, command: name.toUpperCase(), client });
    });
  });
  return found;
}

/** The upper-case command of a batch element. */
export function batchCommand(element: ASTPath<any>, commandName: CommandName = literalName): string {
  return commandName(element.get("elements", 0))!.toUpperCase();
}

/**
 * The key nodes of a batch element, by the command table over its wire arguments (the entries
 * after the command name). `complete` is false when some key could not be located (a spread, an
 * unknown command, a dynamic key count).
 * Before: `["mset", "a", "1", "b", "2"]`  After: keys `"a"`, `"b"`
 */
export function batchKeyArguments(entry: BatchEntry): KeyArguments {
  const args = (entry.element.node.elements as ASTNode[]).slice(1);
  return keyArgumentNodes(entry.command, "ioredis", args);
}
