/**
 * Where a value in a key position came from Redis itself: key names returned by KEYS/SCAN (already
 * full keys — namespaced whenever the pattern is), or values read back from other commands (key
 * names stored as data, which namespacing does not rewrite).
 */
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { CommandCall, RedisModel } from "../redis/clients.js";
import { bindingOf, referencesOf, returnedExpressions, unwrapNode, unwrapPath } from "./bindings.js";

/** "scan": key names listed by KEYS/SCAN; "stored": data read by another command. */
export type Origin = "scan" | "stored";

const LISTING_COMMANDS = new Set(["KEYS", "SCAN"]);
const ITERATORS = new Set(["scanIterator", "scanStream"]);
const ELEMENT_CALLBACKS = new Set(["forEach", "map", "filter", "flatMap", "some", "every", "find", "findLast", "sort"]);
const PASS_THROUGH = new Set(["filter", "slice", "sort", "concat", "flat", "reverse", "toSorted", "values", "keys"]);
const MAX_DEPTH = 12;

export class Origins {
  private readonly calls = new Map<any, CommandCall>();

  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection,
    private readonly model: RedisModel,
  ) {
    for (const c of model.commandCalls()) this.calls.set(c.path.node, c);
  }

  /** The command call at `node`, if it is one of the model's. */
  commandAt(node: any): CommandCall | undefined {
    return this.calls.get(node);
  }

  /** True for `client.scanIterator(...)` / `client.scanStream(...)` on a proven client. */
  isIterator(path: ASTPath<any>): boolean {
    const n = path.node;
    if (n.type !== "CallExpression" || (n.callee.type !== "MemberExpression" && n.callee.type !== "OptionalMemberExpression")) return false;
    const method = n.callee.property?.name;
    return ITERATORS.has(method) && Boolean(this.model.clientOf(path.get("callee", "object")));
  }

  /**
   * A call of the SCAN walk keys-to-scan adds to a file in place of callback KEYS — a function
   * of the file declared `(scanPage, callback)` — whose first argument sends SCAN on a proven
   * client: its callback (or promise) gets key names listed by SCAN.
   */
  isScanWalk(call: ASTPath<any>): boolean {
    const n = call.node;
    if (n.type !== "CallExpression" || n.callee.type !== "Identifier" || !/Function/.test(n.arguments[0]?.type ?? "")) return false;
    const binding = bindingOf(this.j, this.root, call.get("callee"));
    if (binding.kind !== "function" || binding.fn.node.params.map((p: any) => p.name).join(",") !== "scanPage,callback") return false;
    const page = call.get("arguments", 0);
    return this.j(page).find(this.j.CallExpression).some((c) => this.calls.get(c.node)?.command === "SCAN");
  }

  /** Where the value of `path` came from, when it came from Redis. */
  originOf(path: ASTPath<any>, depth = 0): Origin | undefined {
    if (depth > MAX_DEPTH || !path?.node) return undefined;
    const p = unwrapPath(path);
    const n = p.node;
    switch (n.type) {
      case "AwaitExpression":
        return this.originOf(p.get("argument"), depth + 1);
      case "CallExpression":
      case "OptionalCallExpression":
        return this.callOrigin(p, depth);
      case "NewExpression":
        return n.callee.type === "Identifier" && n.callee.name === "Set" && n.arguments[0] ? this.originOf(p.get("arguments", 0), depth + 1) : undefined;
      case "ArrayExpression": {
        const spreads = p.get("elements").map((e: ASTPath<any>) => e);
        const origins = (n.elements as any[]).map((e, i) => (e?.type === "SpreadElement" ? this.originOf(spreads[i].get("argument"), depth + 1) : undefined));
        return origins.length > 0 && origins.every((o) => o && o === origins[0]) ? origins[0] : undefined;
      }
      case "MemberExpression":
        return n.computed ? this.originOf(p.get("object"), depth + 1) : undefined;
      case "Identifier":
        return this.identifierOrigin(p, depth);
      default:
        return undefined;
    }
  }

  private callOrigin(p: ASTPath<any>, depth: number): Origin | undefined {
    const n = p.node;
    const command = this.calls.get(n);
    if (command) return LISTING_COMMANDS.has(command.command) ? "scan" : "stored";
    if (this.isIterator(p)) return "scan";
    // `await scanKeys(function (cursor, cb) { client.scan(…) })`: the keys-to-scan walk, promise form.
    if (this.isScanWalk(p)) return "scan";
    const callee = n.callee;
    const invoked = unwrapNode(callee);
    if (invoked.type === "ArrowFunctionExpression" || invoked.type === "FunctionExpression") {
      // An IIFE (`(async () => { ...; return [...found]; })()`) gives what it returns.
      const origins = returnedExpressions(this.j, unwrapPath(p.get("callee"))).map((r) => this.originOf(r, depth + 1));
      return origins.length > 0 && origins.every((o) => o && o === origins[0]) ? origins[0] : undefined;
    }
    if (callee.type === "MemberExpression" && !callee.computed) {
      const method = callee.property.name;
      if (method === "from" && callee.object.type === "Identifier" && callee.object.name === "Array" && n.arguments[0]) return this.originOf(p.get("arguments", 0), depth + 1);
      if (PASS_THROUGH.has(method)) return this.originOf(p.get("callee", "object"), depth + 1);
    }
    return undefined;
  }

  private identifierOrigin(p: ASTPath<any>, depth: number): Origin | undefined {
    const binding = bindingOf(this.j, this.root, p);
    if (binding.kind === "variable") {
      if (binding.loopOver) return this.originOf(binding.loopOver, depth + 1);
      if (binding.init) return this.originOf(binding.init, depth + 1) ?? this.filledOrigin(p, binding.init, depth);
      return undefined;
    }
    if (binding.kind === "param") return this.paramOrigin(binding.fn, binding.index, depth);
    return undefined;
  }

  /** `const seen = new Set(); ... seen.add(k)` — a collection filled only from Redis. */
  private filledOrigin(id: ASTPath<any>, init: ASTPath<any>, depth: number): Origin | undefined {
    const n = init.node;
    const empty = (n.type === "ArrayExpression" && n.elements.length === 0) || (n.type === "NewExpression" && n.callee.name === "Set" && n.arguments.length === 0);
    if (!empty) return undefined;
    const added: Array<Origin | undefined> = [];
    for (const ref of referencesOf(this.j, this.root, id)) {
      const member = ref.parent;
      const call = member?.parent;
      if (member?.node.type !== "MemberExpression" || call?.node.type !== "CallExpression" || call.node.callee !== member.node) continue;
      if (member.node.property.name !== "add" && member.node.property.name !== "push") continue;
      call.get("arguments").each((arg: ASTPath<any>) => {
        added.push(this.originOf(arg.node.type === "SpreadElement" ? arg.get("argument") : arg, depth + 1));
      });
    }
    return added.length > 0 && added.every((o) => o && o === added[0]) ? added[0] : undefined;
  }

  /** Parameters of callbacks handed Redis data: `keys.forEach((k) => …)`, `.then((keys) => …)`, `(err, keys) => …`, `stream.on("data", …)`. */
  private paramOrigin(fn: ASTPath<any>, index: number, depth: number): Origin | undefined {
    const call = fn.parent;
    if (call?.node.type !== "CallExpression" || !call.node.arguments.includes(fn.node)) return undefined;
    const command = this.calls.get(call.node);
    if (command && command.callback?.node === fn.node && index === 1) return LISTING_COMMANDS.has(command.command) ? "scan" : "stored";
    // `scanKeys(function (cursor, cb) { client.scan(…) }, function (err, keys) { … })`
    if (call.node.arguments[1] === fn.node && index === 1 && this.isScanWalk(call)) return "scan";
    const callee = call.node.callee;
    if (callee.type !== "MemberExpression" || callee.computed) return undefined;
    const method = callee.property.name;
    const receiver = call.get("callee", "object");
    if (ELEMENT_CALLBACKS.has(method) && index === 0) return this.originOf(receiver, depth + 1);
    if (method === "reduce" && index === 1) return this.originOf(receiver, depth + 1);
    if (method === "then" && index === 0) return this.originOf(receiver, depth + 1);
    if (method === "on" && index === 0 && call.node.arguments[0]?.value === "data") return this.originOf(receiver, depth + 1);
    return undefined;
  }
}
