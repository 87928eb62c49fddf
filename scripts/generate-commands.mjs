#!/usr/bin/env node
/**
 * Generates transforms/lib/redis/commands.json, the Redis command table the transforms use to
 * tell which arguments are keys, from a real server's COMMAND INFO and COMMAND DOCS.
 *
 *   npm run generate:commands                 starts a throwaway redis-server (needs it on PATH)
 *   REDIS_URL=redis://host:port npm run ...   reads an existing server instead
 *   node scripts/generate-commands.mjs FILE   writes FILE instead of the checked-in table
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";

const DEFAULT_OUTPUT = fileURLToPath(new URL("../transforms/lib/redis/commands.json", import.meta.url));
const GENERATED_BY = "scripts/generate-commands.mjs (npm run generate:commands); do not edit by hand";
const KEPT_FLAGS = new Set([
  "admin", "blocking", "denyoom", "fast", "movablekeys", "no_mandatory_keys", "no_multi", "noscript", "pubsub", "readonly", "write",
]);
/** ACL categories that only repeat a command flag. */
const REDUNDANT_ACL = new Set(["read", "write", "fast", "slow"]);

await main();

async function main() {
  const output = process.argv[2] ?? DEFAULT_OUTPUT;
  const server = process.env.REDIS_URL ? undefined : await startServer();
  const client = new Redis(process.env.REDIS_URL ?? server.url);
  try {
    const table = await readCommandTable(client);
    writeFileSync(output, formatTable(table));
    console.log(`wrote ${Object.keys(table.commands).length} commands from redis ${table.redisVersion} to ${output}`);
  } finally {
    client.disconnect();
    await server?.stop();
  }
}

/** Starts redis-server on a free loopback port without persistence. */
async function startServer() {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await new Promise((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (err) => reject(new Error(`cannot start redis-server (${err.message}); install it or set REDIS_URL`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await waitForListener(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}

async function waitForListener(port) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(50)) {
    const listening = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (listening) return;
  }
  throw new Error(`redis-server did not listen on port ${port} within 10s`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function readCommandTable(client) {
  const [info, docs, serverInfo] = await Promise.all([
    client.call("COMMAND", "INFO"),
    client.call("COMMAND", "DOCS"),
    client.call("INFO", "server"),
  ]);
  const docsByName = indexDocs(docs);
  const commands = {};
  for (const entry of flattenSubcommands(info)) {
    const name = commandName(entry[0]);
    commands[name] = describeCommand(entry, docsByName.get(name) ?? {});
  }
  return { redisVersion: /redis_version:(\S+)/.exec(String(serverInfo))[1], commands };
}

function flattenSubcommands(entries) {
  return entries.filter(Boolean).flatMap((entry) => [entry, ...flattenSubcommands(entry[9] ?? [])]);
}

/** "config|get" -> "CONFIG GET" */
function commandName(raw) {
  return String(raw).toUpperCase().replace("|", " ");
}

function indexDocs(reply, into = new Map()) {
  for (const [name, raw] of pairs(reply)) {
    const doc = record(raw);
    into.set(commandName(name), doc);
    if (doc.subcommands) indexDocs(doc.subcommands, into);
  }
  return into;
}

function describeCommand([, arity, flags, first, last, step, acl, , keySpecs], doc) {
  const specs = keySpecs.map((raw, index) => describeKeySpec(record(raw), keySpecArgument(doc.arguments, index)));
  return {
    arity,
    flags: flags.map(String).filter((f) => KEPT_FLAGS.has(f)).sort(),
    acl: acl.map((c) => String(c).replace(/^@/, "")).filter((c) => !REDUNDANT_ACL.has(c)).sort(),
    keys: [first, last, step],
    keySpecs: specs,
    ...(specs.some((s) => s.begin.type !== "index") ? { grammar: grammarOf(doc.arguments ?? []) } : {}),
    ...(doc.group ? { group: String(doc.group) } : {}),
    ...(doc.since ? { since: String(doc.since) } : {}),
    ...(doc.deprecated_since ? { deprecatedSince: String(doc.deprecated_since) } : {}),
    ...(doc.replaced_by ? { replacedBy: String(doc.replaced_by) } : {}),
  };
}

function describeKeySpec(spec, argument) {
  return {
    flags: spec.flags.map((f) => String(f).toUpperCase()).sort(),
    begin: describeBeginSearch(record(spec.begin_search), argument),
    find: describeFindKeys(record(spec.find_keys)),
  };
}

/** An "unknown" begin_search gets the token its key argument follows in COMMAND DOCS (SORT ... STORE dest). */
function describeBeginSearch({ type, spec }, argument) {
  const s = record(spec);
  if (type === "index") return { type, index: s.index };
  if (type === "keyword") return { type, keyword: String(s.keyword), startfrom: s.startfrom };
  return argument?.token && argument.type === "key" ? { type: "unknown", keyword: String(argument.token) } : { type: "unknown" };
}

function describeFindKeys({ type, spec }) {
  const s = record(spec);
  if (type === "range") return { type, lastkey: s.lastkey, step: s.keystep, limit: s.limit };
  if (type === "keynum") return { type, keynumidx: s.keynumidx, firstkey: s.firstkey, step: s.keystep };
  return { type: "unknown" };
}

function keySpecArgument(args, index) {
  for (const raw of args ?? []) {
    const arg = record(raw);
    if (arg.key_spec_index === index) return arg;
    const nested = keySpecArgument(arg.arguments, index);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * What a keyword search needs to skip option values: how many leading positional arguments the
 * command has, and how many values follow each token (COUNT 1, LIMIT 2, NOACK 0).
 */
function grammarOf(rawArgs) {
  const args = rawArgs.map(record);
  const firstOption = args.findIndex((a) => a.token || flagsOf(a).includes("optional"));
  const tokens = {};
  collectTokens(args, tokens);
  return { positional: firstOption === -1 ? args.length : firstOption, tokens: sortedObject(tokens) };
}

function collectTokens(args, tokens) {
  for (const arg of args) {
    if (arg.token) tokens[String(arg.token).toUpperCase()] = tokenValueCount(arg);
    if (arg.arguments) collectTokens(arg.arguments.map(record), tokens);
  }
  delete tokens[""];
}

function tokenValueCount(arg) {
  if (arg.type === "pure-token") return 0;
  if (arg.type !== "block") return 1;
  return arg.arguments.map(record).filter((a) => !a.token && !flagsOf(a).includes("optional")).length;
}

function flagsOf(arg) {
  return (arg.flags ?? []).map(String);
}

/** Replies come as flat [k, v, ...] arrays (RESP2 and ioredis' legacy RESP3 mapping) or as maps. */
function pairs(reply) {
  if (reply instanceof Map) return [...reply.entries()];
  if (!Array.isArray(reply)) return Object.entries(reply ?? {});
  const out = [];
  for (let i = 0; i < reply.length; i += 2) out.push([String(reply[i]), reply[i + 1]]);
  return out;
}

function record(reply) {
  return Object.fromEntries(pairs(reply));
}

function sortedObject(obj) {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One command per line: small diffs when Redis changes, still valid JSON. */
function formatTable({ redisVersion, commands }) {
  const lines = Object.keys(commands)
    .sort()
    .map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(commands[name])}`);
  return [
    "{",
    `  "generatedBy": ${JSON.stringify(GENERATED_BY)},`,
    `  "redisVersion": ${JSON.stringify(redisVersion)},`,
    `  "commands": {`,
    lines.join(",\n"),
    "  }",
    "}",
    "",
  ].join("\n");
}
