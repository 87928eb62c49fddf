/**
 * require-ttl (rule R2): every key written to Redis gets an expiry. Bare SETs get `EX <ttl>` in the
 * client library's own shape; SETNX, MSET and SET-then-EXPIRE become their exact expiring
 * equivalents; whatever cannot be rewritten exactly is reported. See docs/transforms/require-ttl.md.
 */
import type { API, ASTNode, ASTPath, FileInfo, JSCodeshift, Options } from "jscodeshift";
import { enclosingStatement, type TransformContext, type TransformMeta } from "./lib/context.js";
import { openFile } from "./lib/open.js";
import type { CommandCall, RedisModel } from "./lib/redis/clients.js";
import { batchCommand, batchElements } from "./lib/redis/batches.js";
import { mayUseRedis } from "./lib/redis/prefilter.js";
import { callbackOf, firstKey, looksExpiring, namesAround, renameSetnx, setnxReply } from "./lib/ttl/calls.js";
import { EXPIRE_COMMANDS, ExpiryIndex, type KeyedSite, followingExpire, flowOf, isNoExpiryBranch } from "./lib/ttl/flow.js";
import { KeyResolver, type KeyShape, constantString, keySignature } from "./lib/ttl/keys.js";
import { type MsetKey, msetInMulti, msetKeys } from "./lib/ttl/mset.js";
import { describeKey, keyPolicy } from "./lib/ttl/policy.js";
import { planReplyReads } from "./lib/ttl/replies.js";
import { type SetWrite, addExpiry, batchWrite, keyPath, readOptions, setWriteOf } from "./lib/ttl/set-write.js";
import { TextEdits } from "./lib/ttl/text-edits.js";

/** Commands that create a key with no way to give it an expiry in the same call. */
const CREATING_COMMANDS = new Set([
  "HSET", "HMSET", "HSETNX", "HINCRBY", "HINCRBYFLOAT", "SADD", "LPUSH", "RPUSH", "ZADD", "ZINCRBY",
  "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "APPEND", "XADD", "GEOADD", "PFADD",
]);
const TTL_WRITES = new Set(["SETEX", "PSETEX"]);
const POSSIBLE_CLIENT_COMMANDS = new Set(["SET", "SETNX", "MSET", "MSETNX"]);
/** Text a file must contain for this transform to have anything to do. */
const PREFILTER = /\b(?:m?set(?:nx)?|hm?set(?:nx)?|hincrby|sadd|[lr]push|zadd|zincrby|incr|decr|append|xadd|geoadd|pfadd|setex|psetex|expire)/i;

export const meta: TransformMeta = {
  id: "require-ttl",
  rule: "R2",
  title: "Every key has a TTL",
  description: "Bare SET gets EX <ttl> in the client's own shape; SETNX/MSET/SET+EXPIRE become expiring equivalents; the rest is reported",
  mayApply: (source, file, project) => PREFILTER.test(source) && mayUseRedis(source, file, project),
};

interface Outcome {
  path: ASTPath<any>;
  message: string;
  /** Queues the rewrite; absent for a finding that needs a human. */
  apply?: () => void;
}

interface Run {
  j: JSCodeshift;
  ctx: TransformContext;
  edits: TextEdits;
  keys: KeyResolver;
  /** Keys that get an EXPIRE per function, and writes that carry an expiry. */
  expiries: ExpiryIndex;
  withExpiry: KeyedSite[];
  sites: Map<ASTNode, { call: CommandCall; site: KeyedSite }>;
  outcomes: Outcome[];
}

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  const opened = openFile(file, api, options, meta);
  if (!opened) return undefined;
  const { j, root, ctx, model } = opened;
  const edits = new TextEdits(file.source);
  const run: Run = { j, ctx, edits, keys: new KeyResolver(edits), expiries: new ExpiryIndex(), withExpiry: [], sites: new Map(), outcomes: [] };
  const calls = model.commandCalls();
  const batches = batchElements(j, root, model, constantString);
  indexKeys(run, calls, batches);
  for (const call of calls) planCall(run, call);
  for (const element of batches) planBatchElement(run, element);
  reportPossibleClients(run, model);
  emit(run);
  return edits.size ? edits.apply() : undefined;
}

/** Records where keys get an expiry: EXPIREs per function, and writes that carry one. */
function indexKeys(run: Run, calls: CommandCall[], batches: ASTPath<any>[]): void {
  const note = (path: ASTPath<any>, key: ASTPath<any>, command: string, write?: SetWrite) => {
    const site = { path, signature: keySignature(run.keys.shape(key)) };
    if (EXPIRE_COMMANDS.has(command)) run.expiries.add(site);
    if (TTL_WRITES.has(command) || (write && readOptions(write).hasTtl)) run.withExpiry.push(site);
    return site;
  };
  for (const call of calls) {
    const key = firstKey(run.j, call);
    if (key) run.sites.set(call.path.node, { call, site: note(call.path, key, call.command, call.command === "SET" ? setWriteOf(call) : undefined) });
  }
  for (const element of batches) {
    const command = batchCommand(element, constantString);
    if (element.node.elements[1]) note(element, element.get("elements", 1), command, command === "SET" ? batchWrite(element) : undefined);
  }
}

function planCall(run: Run, call: CommandCall): void {
  if (call.command === "SET") planSet(run, call.path, setWriteOf(call), call);
  else if (call.command === "SETNX") planSetnx(run, call);
  else if (call.command === "MSET") planMset(run, call);
  else if (call.command === "MSETNX") planMsetnx(run, call);
  else if (CREATING_COMMANDS.has(call.command)) planCreating(run, call);
}

/**
 * A bare SET gets the TTL its key calls for — unless the key is persistent, the write is the
 * deliberate no-expiry branch, or the key gets an EXPIRE in the same function (merged when next).
 */
function planSet(run: Run, path: ASTPath<any>, write: SetWrite | undefined, call?: CommandCall): void {
  if (!write) return report(run, path, "SET not given a TTL: its arguments are not in a shape this transform reads");
  const options = readOptions(write);
  if (options.hasTtl) return;
  if (options.unknown) return report(run, path, `SET not given a TTL: ${options.unknown}, so it may already have one`);
  const shape = run.keys.shape(keyPath(write));
  const site = { path, signature: keySignature(shape) };
  const policy = keyPolicy(shape, run.ctx.config, options.nx, namesAround(path));
  if (policy.kind === "persistent") return;
  if (policy.kind === "ambiguous") return report(run, path, `SET of ${describeKey(shape)} not given a TTL: the key may match persistentKeys "${policy.glob}"`);
  if (isNoExpiryBranch(site, run.withExpiry)) {
    return report(run, path, `SET of ${describeKey(shape)} is the deliberate no-expiry path (the other branch sets a TTL): not given the default, which would expire data the program means to keep`);
  }
  const merge = call && !options.conditions.length ? followingExpire(call, site, (n) => run.sites.get(n), run.edits) : undefined;
  if (merge) {
    return fixed(run, path, `SET of ${describeKey(shape)} and the ${merge.unit === "EX" ? "EXPIRE" : "PEXPIRE"} after it merged into one SET with ${merge.unit}`, () => {
      addExpiry(run.edits, write, options, { unit: merge.unit, text: run.edits.text(merge.ttl.node) });
      run.edits.removeStatement(merge.statement.node);
    });
  }
  if (run.expiries.has(site)) return;
  fixed(run, path, `bare SET of ${describeKey(shape)} given EX ${policy.seconds} (${policy.why})`, () => addExpiry(run.edits, write, options, { unit: "EX", text: String(policy.seconds) }));
}

/** SETNX → SET … EX ttl NX, with every read of its reply following "OK"/null. */
function planSetnx(run: Run, call: CommandCall): void {
  if (call.inTransaction) return report(run, call.path, `SETNX on a multi()/pipeline() not rewritten: its reply is read from exec() and would change from 1/0 to "OK"/null`);
  const write = call.path.node.callee.type === "Identifier" ? undefined : setWriteOf(call);
  if (!write) return report(run, call.path, "SETNX not rewritten: it is called through a promisified function bound to a variable");
  const options = readOptions(write);
  if (options.unknown) return report(run, call.path, `SETNX not rewritten: ${options.unknown}`);
  const shape = run.keys.shape(keyPath(write));
  const policy = keyPolicy(shape, run.ctx.config, true, namesAround(call.path));
  if (policy.kind === "persistent") return;
  if (policy.kind === "ambiguous") return report(run, call.path, `SETNX of ${describeKey(shape)} not rewritten: the key may match persistentKeys "${policy.glob}"`);
  const reads = planReplyReads(run.j, call.path, callbackOf(call), setnxReply(call));
  if (!reads.ok) return report(run, call.path, `SETNX of ${describeKey(shape)} not rewritten: its reply ${reads.reason}, and SET … NX answers "OK"/null instead of 1/0`);
  const how = reads.used ? "; reply checks follow the new reply" : "";
  fixed(run, call.path, `SETNX of ${describeKey(shape)} → SET … EX ${policy.seconds} NX (${policy.why})${how}`, () => {
    renameSetnx(run.edits, call);
    addExpiry(run.edits, write, options, { unit: "EX", text: String(policy.seconds) }, true);
    reads.edits.forEach((edit) => edit(run.edits));
  });
}

/** MSET whose reply is unused → MULTI with the MSET and an EXPIRE per key. */
function planMset(run: Run, call: CommandCall): void {
  if (call.inTransaction) return report(run, call.path, "MSET not given TTLs: it is queued on a multi()/pipeline(), where EXPIREs would change the exec() reply");
  if (call.form === "promisified") return report(run, call.path, "MSET not given TTLs: it is called through a promisified function");
  const reads = planReplyReads(run.j, call.path, callbackOf(call), new Map());
  if (!reads.ok || reads.used) return report(run, call.path, "MSET not given TTLs: its reply is used, and a MULTI answers differently");
  const keys = msetKeys(run.j, call);
  if (typeof keys === "string") return report(run, call.path, `MSET not given TTLs: ${keys}`);
  const shapes = keys.map((k) => msetKeyShape(run, k));
  const policies = shapes.map((s) => keyPolicy(s, run.ctx.config, false));
  const ambiguous = policies.find((p) => p.kind === "ambiguous");
  if (ambiguous?.kind === "ambiguous") return report(run, call.path, `MSET not given TTLs: a key may match persistentKeys "${ambiguous.glob}"`);
  const ttls = policies.map((p, i) => (p.kind === "ttl" && !run.expiries.has({ path: call.path, signature: keySignature(shapes[i]) }) ? p.seconds : undefined));
  if (ttls.every((t) => t === undefined)) return;
  const seconds = [...new Set(ttls.filter((t) => t !== undefined))].join("/");
  fixed(run, call.path, `MSET → MULTI with MSET and EXPIRE ${seconds} per key`, () => msetInMulti(run.edits, call, keys, ttls));
}

/** MSETNX has no exact expiring equivalent (see the doc): reported unless all its keys are persistent. */
function planMsetnx(run: Run, call: CommandCall): void {
  const keys = msetKeys(run.j, call);
  if (typeof keys !== "string" && keys.every((k) => keyPolicy(msetKeyShape(run, k), run.ctx.config, false).kind === "persistent")) return;
  report(run, call.path, "MSETNX not given TTLs: when it fails because a key exists, EXPIREs in the same MULTI would put a TTL on keys it did not write — give the keys their TTL where they are created");
}

/** HSET/SADD/LPUSH/INCR/… create keys that never expire unless the function EXPIREs them: reported once per key and function. */
function planCreating(run: Run, call: CommandCall): void {
  const entry = run.sites.get(call.path.node);
  if (!entry || run.expiries.has(entry.site)) return;
  const shape = run.keys.shape(firstKey(run.j, call)!);
  if (keyPolicy(shape, run.ctx.config, false).kind !== "ttl") return;
  const flow = flowOf(call.path);
  const before = (s: { call: CommandCall }) => (s.call.path.node.start ?? 0) < (call.path.node.start ?? 0);
  const repeated = [...run.sites.values()].some((s) => CREATING_COMMANDS.has(s.call.command) && s.site.signature === entry.site.signature && flowOf(s.call.path) === flow && before(s));
  if (repeated) return;
  report(run, call.path, `${call.command} creates ${describeKey(shape)} with no EXPIRE on it in this function, so it never expires: add one (or list the key in persistentKeys)`);
}

/** `["set", k, v]` in batch arrays is a SET like any other; replies of the rest come back through exec(). */
function planBatchElement(run: Run, element: ASTPath<any>): void {
  const command = batchCommand(element, constantString);
  if (command === "SET") return planSet(run, element, batchWrite(element));
  if (command === "SETNX" || command === "MSET" || command === "MSETNX") {
    report(run, element, `${command} in a batch array not rewritten: its reply is read from exec() and would change`);
  }
}

/** Receivers that look like clients but are not proven: their bare writes are reported, never rewritten. */
function reportPossibleClients(run: Run, model: RedisModel): void {
  for (const suspect of model.possibleClients()) {
    if (!POSSIBLE_CLIENT_COMMANDS.has(suspect.command) || (suspect.command === "SET" && looksExpiring(suspect.path))) continue;
    report(run, suspect.path, `possible Redis client — not rewritten: ${suspect.reason}`);
  }
}

/** Emits findings in source order and queues the edits; with `--mark`, reported statements get a marker. */
function emit(run: Run): void {
  const at = (o: Outcome) => o.path.node.start ?? 0;
  const marked = new Set<unknown>();
  for (const o of [...run.outcomes].sort((a, b) => at(a) - at(b))) {
    if (o.apply) {
      run.ctx.fixed(o.path, o.message);
      o.apply();
      continue;
    }
    run.ctx.report(o.path, o.message);
    // The context marks the AST; this file is printed from text, so the same marker is added as text.
    const statement: any = run.ctx.marked ? enclosingStatement(o.path)?.node : undefined;
    if (statement && !marked.has(statement)) run.edits.mark(statement, o.message);
    marked.add(statement);
  }
}

function report(run: Run, path: ASTPath<any>, message: string): void {
  run.outcomes.push({ path: findingPath(path), message });
}

function fixed(run: Run, path: ASTPath<any>, message: string, apply: () => void): void {
  run.outcomes.push({ path: findingPath(path), message, apply });
}

/** Findings point at the method name, so each call of a multi-line chain gets its own line. */
function findingPath(path: ASTPath<any>): ASTPath<any> {
  const callee = path.node.type === "CallExpression" ? path.node.callee : undefined;
  return callee?.type === "MemberExpression" && !callee.computed ? path.get("callee", "property") : path;
}

function msetKeyShape(run: Run, key: MsetKey): KeyShape {
  return key.literal !== undefined ? { parts: [{ text: key.literal }], names: [] } : run.keys.shape(key.path);
}
