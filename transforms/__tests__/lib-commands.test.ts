import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import jscodeshift, { type ASTNode } from "jscodeshift";
import { Redis } from "ioredis";
import {
  COMMAND_TABLE_REDIS_VERSION,
  commandFromMethod,
  isBlockingCommand,
  isPubSubCommand,
  isReadOnlyCommand,
  isWriteCommand,
  keyArgumentNodes,
  keyPositions,
  lookupCommand,
  staticString,
} from "../lib/redis/commands.js";
import type { Flavour } from "../lib/redis/modules.js";
import { describeRedis, redisUrl } from "../../test/support/redis.js";

const require = createRequire(import.meta.url);
const j = jscodeshift.withParser("ts");
const TABLE_FILE = fileURLToPath(new URL("../lib/redis/commands.json", import.meta.url));
const GENERATOR = fileURLToPath(new URL("../../scripts/generate-commands.mjs", import.meta.url));

/** node-redis command definitions: v5 builds argv with a parser, v4 returns it from transformArguments. */
const NODE_REDIS_V5: Record<string, { parseCommand(parser: unknown, ...args: unknown[]): void }> =
  require("@redis/client/dist/lib/commands/index.js").default;
const { BasicCommandParser } = require("@redis/client/dist/lib/client/parser.js");
const NODE_REDIS_V4: Record<string, { transformArguments(...args: unknown[]): string[] }> =
  require("redis4/node_modules/@redis/client/dist/lib/client/commands.js").default;
const IOREDIS_COMMANDS: string[] = require("@ioredis/commands").list;

function argumentsOf(source: string, parser = j): ASTNode[] {
  return parser(source).find(parser.CallExpression).paths()[0].node.arguments as ASTNode[];
}

function keysIn(command: string, flavour: Flavour, source: string, method?: string): { keys: string[]; complete: boolean } {
  const { keys, complete } = keyArgumentNodes(command, flavour, argumentsOf(source), method);
  return { keys: keys.map((k) => j(k).toSource()), complete };
}

function v5Argv(method: string, args: unknown[]): string[] {
  const parser = new BasicCommandParser();
  NODE_REDIS_V5[method].parseCommand(parser, ...args);
  return parser.redisArgs;
}

/** The wire argv a node-redis v5 method sends with placeholder arguments, when it can be built that way. */
function tryArgv(method: string): string[] | undefined {
  const parser = new BasicCommandParser();
  try {
    NODE_REDIS_V5[method].parseCommand(parser, "k", "x", "y", "z");
  } catch {
    // argument shapes differ; the command name is pushed first anyway
  }
  return parser.redisArgs.length ? parser.redisArgs : undefined;
}

/** The key values a call sends, as keyArgumentNodes sees them (literal values, or property names in object form). */
function keyValues(keys: ASTNode[]): string[] {
  return keys.map((k) => staticString(k) ?? (k.type === "Identifier" ? k.name : "<dynamic>"));
}

function methodsOf(instance: object): string[] {
  const names = new Set<string>();
  for (let proto = instance; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    Object.getOwnPropertyNames(proto).forEach((n) => names.add(n));
  }
  return [...names];
}

const squash = (name: string) => name.toUpperCase().replace(/[\s_-]/g, "");

describe("lookupCommand", () => {
  it("finds commands and subcommands case-insensitively", () => {
    expect(lookupCommand("get")?.name).toBe("GET");
    expect(lookupCommand("config get")?.name).toBe("CONFIG GET");
    expect(lookupCommand("CONFIG|GET")?.name).toBe("CONFIG GET");
    expect(lookupCommand("Object  Encoding")?.keySpecs[0].begin).toEqual({ type: "index", index: 2 });
    expect(lookupCommand("NOPE")).toBeUndefined();
  });

  it("records where the table came from", () => {
    expect(COMMAND_TABLE_REDIS_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("answers flag questions", () => {
    expect(isWriteCommand("set")).toBe(true);
    expect(isWriteCommand("get")).toBe(false);
    expect(isReadOnlyCommand("GET")).toBe(true);
    expect(isBlockingCommand("BLPOP")).toBe(true);
    expect(isBlockingCommand("XREAD")).toBe(true);
    expect(isBlockingCommand("LPOP")).toBe(false);
    expect(isPubSubCommand("SUBSCRIBE")).toBe(true);
    expect(isPubSubCommand("GET")).toBe(false);
    expect(isWriteCommand("no-such-command")).toBe(false);
  });
});

describe("commandFromMethod", () => {
  it.each([
    ["hgetall", "HGETALL"],
    ["zunionstore", "ZUNIONSTORE"],
    ["getBuffer", "GET"],
    ["hgetallBuffer", "HGETALL"],
    ["hGetAll", "HGETALL"],
    ["setEx", "SETEX"],
    ["zUnionStore", "ZUNIONSTORE"],
    ["sIsMember", "SISMEMBER"],
    ["configGet", "CONFIG GET"],
    ["clientList", "CLIENT LIST"],
    ["objectEncoding", "OBJECT ENCODING"],
    ["pubSubChannels", "PUBSUB CHANNELS"],
    ["xGroupCreateConsumer", "XGROUP CREATECONSUMER"],
    ["clientNoEvict", "CLIENT NO-EVICT"],
    ["HGETALL", "HGETALL"],
    ["CONFIG_GET", "CONFIG GET"],
    ["CLIENT_NO-EVICT", "CLIENT NO-EVICT"],
    ["sortRo", "SORT_RO"],
    ["evalShaRo", "EVALSHA_RO"],
    ["zRangeWithScores", "ZRANGE"],
    ["hRandFieldCountWithValues", "HRANDFIELD"],
    ["geoRadiusByMemberRoWith", "GEORADIUSBYMEMBER_RO"],
    ["geoRadiusStore", "GEORADIUS"],
    ["GEORADIUSSTORE", "GEORADIUS"],
    ["sortStore", "SORT"],
    ["lcsIdxWithMatchLen", "LCS"],
    ["xAutoClaimJustId", "XAUTOCLAIM"],
    ["keys", "KEYS"],
    ["set", "SET"],
    ["get", "GET"],
    ["del", "DEL"],
    ["quit", "QUIT"],
    ["object", "OBJECT"],
  ])("%s -> %s", (method, command) => {
    expect(commandFromMethod(method)).toEqual({ command, promisified: false });
  });

  it("maps every command in the table from its node-redis upper-case spelling", () => {
    const names = Object.keys(JSON.parse(readFileSync(TABLE_FILE, "utf8")).commands).filter((n) => n !== "MULTI" && n !== "EXEC");
    for (const name of names) expect(commandFromMethod(name.replace(" ", "_"))?.command, name).toBe(name);
  });

  it("marks promisified legacy methods", () => {
    expect(commandFromMethod("keysAsync")).toEqual({ command: "KEYS", promisified: true });
    expect(commandFromMethod("hgetallAsync")).toEqual({ command: "HGETALL", promisified: true });
  });

  it.each([
    "on", "connect", "pipeline", "multi", "MULTI", "exec", "execAsync", "duplicate", "then", "toString", "map", "forEach", "length",
    "scanIterator", "hScanIterator", "sScanIterator", "zScanIterator", "scanStream", "hscanStream", "call", "callBuffer", "sendCommand",
    "constructor", "listenerCount", "setMaxListeners", "getMaxListeners", "getcount", "hexpire", "__proto__", "",
  ])("%s is not a command", (method) => {
    expect(commandFromMethod(method)).toBeUndefined();
  });

  it("maps every ioredis command method to itself", () => {
    const known = IOREDIS_COMMANDS.filter((name) => lookupCommand(name) && !["multi", "exec"].includes(name));
    expect(known.length).toBeGreaterThan(200);
    for (const name of known) expect(commandFromMethod(name)?.command, name).toBe(lookupCommand(name)?.name);
  });

  it("maps every node-redis v5 method to the command it sends", () => {
    let checked = 0;
    for (const method of Object.keys(NODE_REDIS_V5)) {
      const mapped = commandFromMethod(method);
      if (!mapped) {
        expect(lookupCommand(method.replace(/_/g, " ")), `${method} sends a command the table knows`).toBeUndefined();
        continue;
      }
      const argv = tryArgv(method);
      if (!argv) continue;
      const sent = lookupCommand(`${argv[0]} ${argv[1]}`) ?? lookupCommand(argv[0]);
      expect(mapped.command, method).toBe(sent?.name);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("maps non-command methods of real clients to nothing (or to the command they are named after)", async () => {
    const { createClient: createClient5 } = await import("redis");
    const { createClient: createClient4 } = await import("redis4");
    const ioredis = new Redis({ lazyConnect: true });
    const libraries = [
      { methods: methodsOf(ioredis), commands: new Set(IOREDIS_COMMANDS) },
      { methods: methodsOf(createClient5()), commands: new Set(Object.keys(NODE_REDIS_V5)) },
      { methods: methodsOf(createClient4()), commands: new Set(Object.keys(NODE_REDIS_V4)) },
    ];
    ioredis.disconnect();
    for (const { methods, commands } of libraries) {
      const apiMethods = methods.filter((m) => !commands.has(m) && !commands.has(m.replace(/Buffer$/, "")));
      for (const method of apiMethods) {
        const mapped = commandFromMethod(method);
        if (mapped) expect(squash(mapped.command), method).toBe(squash(method));
      }
    }
  });
});

describe("keyPositions", () => {
  it.each<[string, Array<string | undefined>, number[] | "unknown"]>([
    ["SET", ["k", "v"], [0]],
    ["set", [undefined, "v", "EX", "10"], [0]],
    ["MSET", ["k", "v", "k2", "v2"], [0, 2]],
    ["DEL", ["a", "b", "c"], [0, 1, 2]],
    ["DEL", [undefined, undefined], [0, 1]],
    ["EVAL", ["script", "2", "k1", "k2", "a"], [2, 3]],
    ["EVAL", ["script", undefined, "k1", "k2", "a"], "unknown"],
    ["EVAL", ["script", "0"], []],
    ["EVAL", ["script", "3", "k1"], "unknown"],
    ["XREAD", ["COUNT", "2", "STREAMS", "s1", "s2", "0", "0"], [3, 4]],
    ["XREAD", ["COUNT", undefined, "BLOCK", undefined, "STREAMS", "s1", "$"], [5]],
    ["XREAD", [undefined, "2", "STREAMS", "s1", "0"], "unknown"],
    ["XREADGROUP", ["GROUP", "g", "c", "STREAMS", "s1", ">"], [4]],
    ["ZUNIONSTORE", ["dest", "2", "a", "b", "WEIGHTS", "1", "2"], [0, 2, 3]],
    ["ZUNIONSTORE", ["dest", undefined, "a", "b"], "unknown"],
    ["SCAN", ["0", "MATCH", "user:*"], []],
    ["KEYS", ["user:*"], []],
    ["SPUBLISH", ["channel", "message"], []],
    ["BLPOP", ["a", "b", "0"], [0, 1]],
    ["SORT", ["k", "BY", "w_*", "LIMIT", "0", "10", "GET", "#", "STORE", "dest"], [0, 9]],
    ["SORT", ["k", "BY", "STORE", "ALPHA"], [0]],
    ["SORT", ["k", "LIMIT", undefined, undefined, "STORE", "dest"], [0, 5]],
    ["SORT", ["k", undefined, "dest"], "unknown"],
    ["GEORADIUS", ["geo", "1", "2", "10", "km", "COUNT", "5", "STORE", "dest"], [0, 8]],
    ["MIGRATE", ["host", "6379", "", "0", "1000", "REPLACE", "KEYS", "a", "b"], [7, 8]],
    ["MIGRATE", ["host", "6379", "k", "0", "1000"], [2]],
    ["OBJECT ENCODING", ["k"], [0]],
    ["OBJECT", ["ENCODING", "k"], [1]],
    ["OBJECT", [undefined, "k"], "unknown"],
    ["CONFIG GET", ["maxmemory"], []],
    ["NO-SUCH-COMMAND", ["a"], "unknown"],
  ])("%s %j -> %j", (command, args, expected) => {
    expect(keyPositions(command, args)).toEqual(expected);
  });
});

describe("keyArgumentNodes", () => {
  describe("ioredis", () => {
    it.each<[string, string, string[], boolean]>([
      ["SET", `r.set("k", "v", "EX", 60)`, [`"k"`], true],
      ["SET", "r.set(key, value)", ["key"], true],
      ["DEL", `r.del("a", "b", "c")`, [`"a"`, `"b"`, `"c"`], true],
      ["DEL", `r.del(["a", "b"])`, [`"a"`, `"b"`], true],
      ["DEL", `r.del("a", ...rest)`, [`"a"`], false],
      ["DEL", `r.del(keys)`, ["keys"], true],
      ["MGET", `r.mget(["a", "b"], "c")`, [`"a"`, `"b"`, `"c"`], true],
      ["MSET", `r.mset("a", "1", "b", "2")`, [`"a"`, `"b"`], true],
      ["MSET", `r.mset({ a: "1", "b:c": "2" })`, ["a", `"b:c"`], true],
      ["MSET", `r.mset({ a: "1", ...more })`, ["a"], false],
      ["HSET", `r.hset("h", { f: "v" })`, [`"h"`], true],
      ["EVAL", `r.eval(script, 2, "k1", "k2", "a")`, [`"k1"`, `"k2"`], true],
      ["EVAL", "r.eval(script, n, k1, k2)", [], false],
      ["EVAL", `r.eval(script, keys.length, ...keys)`, [], false],
      ["XREAD", `r.xread("COUNT", 2, "STREAMS", "s1", "s2", "0", "0")`, [`"s1"`, `"s2"`], true],
      ["XREAD", `r.xread("BLOCK", ms, "STREAMS", stream, id)`, ["stream"], true],
      ["ZUNIONSTORE", `r.zunionstore("dest", 2, "a", "b", "WEIGHTS", 1, 2)`, [`"dest"`, `"a"`, `"b"`], true],
      ["OBJECT", `r.object("ENCODING", "k")`, [`"k"`], true],
      ["GET", `r.get("k", (err, v) => {})`, [`"k"`], true],
      ["GET", "r.get(`user:42`)", ["`user:42`"], true],
      ["GET", `r.get("a" as const)`, [`"a" as const`], true],
      ["SCAN", `r.scan(0, "MATCH", "u:*")`, [], true],
      ["KEYS", `r.keys("u:*")`, [], true],
      ["NOPE", `r.nope("k")`, [], false],
    ])("%s %s", (command, source, keys, complete) => {
      expect(keysIn(command, "ioredis", source)).toEqual({ keys, complete });
    });
  });

  describe("legacy node-redis", () => {
    it.each<[string, string, string[], boolean]>([
      ["DEL", `client.del("a", "b", function (err) {})`, [`"a"`, `"b"`], true],
      ["DEL", `client.del(["a", "b"], cb => {})`, [`"a"`, `"b"`], true],
      ["MGET", `client.mget("a", ["b", "c"])`, [`"a"`, `"b"`, `"c"`], true],
      ["KEYS", `client.keys("p*", function (err, keys) {})`, [], true],
      ["SET", `client.set("k", "v", "EX", 10, function () {})`, [`"k"`], true],
      ["EVAL", `client.eval("return 1", 1, "k", "arg", function () {})`, [`"k"`], true],
      ["HMSET", `client.hmset("h", { a: 1 })`, [`"h"`], true],
    ])("%s %s", (command, source, keys, complete) => {
      expect(keysIn(command, "node-redis-legacy", source)).toEqual({ keys, complete });
    });
  });

  describe("node-redis v4/v5", () => {
    it.each<[string, string, string[], boolean, string?]>([
      ["SET", `c.set("k", "v", { EX: 60 })`, [`"k"`], true],
      ["MSET", `c.mSet({ a: "1", "b": "2", [dyn]: "3" })`, ["a", `"b"`, "dyn"], true],
      ["MSET", `c.mSet({ a: "1", ...rest })`, ["a"], false],
      ["MSET", `c.mSet([["a", "1"], ["b", "2"]])`, [`"a"`, `"b"`], true],
      ["MSET", `c.mSet(["a", "1", "b", "2"])`, [`"a"`, `"b"`], true],
      ["MSET", "c.mSet(entries)", [], false],
      ["MGET", `c.mGet(["a", "b"])`, [`"a"`, `"b"`], true],
      ["MGET", `c.mGet(["a", ...rest])`, [`"a"`], false],
      ["DEL", `c.del("a")`, [`"a"`], true],
      ["DEL", `c.del(["a", "b"])`, [`"a"`, `"b"`], true],
      ["DEL", `c.del(keys)`, ["keys"], true],
      ["EVAL", `c.eval(script, { keys: ["a", "b"], arguments: ["1"] })`, [`"a"`, `"b"`], true],
      ["EVAL", "c.eval(script, { keys, arguments: args })", [], false],
      ["EVAL", `c.eval(script, { arguments: ["1"] })`, [], true],
      ["EVAL", "c.eval(script, options)", [], false],
      ["EVAL", "c.eval(script)", [], true],
      ["ZUNIONSTORE", `c.zUnionStore("dest", ["a", "b"], { WEIGHTS: [1, 2] })`, [`"dest"`, `"a"`, `"b"`], true],
      ["ZUNIONSTORE", `c.zUnionStore("dest", "a")`, [`"dest"`, `"a"`], true],
      ["XREAD", `c.xRead({ key: "s", id: "0" }, { BLOCK: 0 })`, [`"s"`], true],
      ["XREAD", `c.xRead([{ key: "s1", id: "0" }, { key: stream, id: "0" }])`, [`"s1"`, "stream"], true],
      ["XREAD", "c.xRead(streams)", [], false],
      ["XREADGROUP", `c.xReadGroup("g", "c", { key: "s", id: ">" })`, [`"s"`], true],
      ["HSET", `c.hSet("h", "f", "v")`, [`"h"`], true],
      ["HSET", `c.hSet("h", { f: "v" })`, [`"h"`], true],
      ["GEORADIUS", `c.geoRadiusStore("geo", { longitude: 1, latitude: 2 }, 10, "km", "dest")`, [`"geo"`, `"dest"`], true, "geoRadiusStore"],
      ["GEORADIUS", `c.geoRadius("geo", { longitude: 1, latitude: 2 }, 10, "km", opts)`, [`"geo"`], true, "geoRadius"],
      ["GEORADIUS", `c.geoRadius("geo", from, 10, "km", opts)`, [`"geo"`], false],
      ["SORT", `c.sortStore("src", "dest", { ALPHA: true })`, [`"src"`, `"dest"`], true, "sortStore"],
      ["SORT", `c.sortStore("src", "dest")`, [`"src"`, `"dest"`], true],
      ["SORT", `c.sort("src", { BY: "w_*" })`, [`"src"`], true],
      ["MIGRATE", `c.migrate("host", 6379, ["a", "b"], 0, 1000)`, [`"a"`, `"b"`], true],
      ["OBJECT ENCODING", `c.objectEncoding("k")`, [`"k"`], true],
      ["BLMPOP", `c.blmPop(0, ["a", "b"], "LEFT")`, [`"a"`, `"b"`], true],
      ["GET", `c.get(...args)`, [], false],
      ["SCAN", `c.scan("0", { MATCH: "u:*" })`, [], true],
    ])("%s %s", (command, source, keys, complete, method) => {
      expect(keysIn(command, "node-redis", source, method)).toEqual({ keys, complete });
    });
  });

  it("reads ESTree literals and properties (babel/flow parsers)", () => {
    const babel = jscodeshift.withParser("babel");
    const estree = (source: string) => argumentsOf(source, babel);
    expect(keyValues(keyArgumentNodes("MSET", "node-redis", estree(`c.mSet({ "a": "1", b: "2" })`)).keys)).toEqual(["a", "b"]);
    expect(keyValues(keyArgumentNodes("EVAL", "ioredis", estree(`r.eval(s, 1, "k", "v")`)).keys)).toEqual(["k"]);
  });
});

describeRedis("against a real redis-server", () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl());
  });
  afterAll(() => redis.disconnect());

  /** COMMAND GETKEYS, sorted; [] when the server says the command has no key arguments. */
  async function serverKeys(argv: string[]): Promise<string[]> {
    try {
      return ((await redis.call("COMMAND", "GETKEYS", ...argv)) as string[]).sort();
    } catch (err) {
      if (/no key arguments/.test(String(err))) return [];
      throw err;
    }
  }

  const WIRE_CASES: string[][] = [
    ["SET", "k", "v", "EX", "10", "GET"],
    ["GET", "k"],
    ["MSET", "a", "1", "b", "2"],
    ["MSETNX", "a", "1", "b", "2"],
    ["DEL", "a", "b", "c"],
    ["MGET", "a", "b"],
    ["HSET", "h", "f", "v"],
    ["EVAL", "return 1", "2", "k1", "k2", "a"],
    ["EVAL_RO", "return 1", "1", "k1"],
    ["EVALSHA", "0123456789abcdef0123456789abcdef01234567", "1", "k", "a"],
    ["FCALL", "fn", "1", "k", "a"],
    ["ZUNIONSTORE", "dest", "2", "a", "b", "WEIGHTS", "1", "2"],
    ["ZINTERSTORE", "dest", "2", "a", "b", "AGGREGATE", "MAX"],
    ["ZUNION", "2", "a", "b", "WITHSCORES"],
    ["ZDIFFSTORE", "dest", "2", "a", "b"],
    ["SINTERCARD", "2", "a", "b", "LIMIT", "1"],
    ["LMPOP", "2", "a", "b", "LEFT", "COUNT", "1"],
    ["BLMPOP", "0", "2", "a", "b", "LEFT"],
    ["ZMPOP", "2", "a", "b", "MIN"],
    ["BZMPOP", "0", "2", "a", "b", "MAX"],
    ["XREAD", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0"],
    ["XREAD", "BLOCK", "0", "STREAMS", "s1", "$"],
    ["XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "NOACK", "STREAMS", "s1", "s2", ">", ">"],
    ["GEORADIUS", "geo", "1", "2", "10", "km", "STORE", "dest"],
    ["GEORADIUS", "geo", "1", "2", "10", "km", "COUNT", "5", "STOREDIST", "dest"],
    ["GEORADIUSBYMEMBER", "geo", "m", "10", "km", "WITHDIST", "STORE", "dest"],
    ["GEOSEARCHSTORE", "dest", "src", "FROMMEMBER", "m", "BYRADIUS", "1", "km"],
    ["SORT", "k", "BY", "w_*", "LIMIT", "0", "10", "GET", "#", "STORE", "dest"],
    ["SORT", "k", "ALPHA"],
    ["SORT_RO", "k", "BY", "w_*"],
    ["OBJECT", "ENCODING", "k"],
    ["MEMORY", "USAGE", "k"],
    ["XINFO", "STREAM", "s"],
    ["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"],
    ["MIGRATE", "127.0.0.1", "6379", "k", "0", "1000"],
    ["MIGRATE", "127.0.0.1", "6379", "", "0", "1000", "COPY", "AUTH2", "u", "p", "KEYS", "a", "b"],
    ["BITOP", "AND", "dest", "a", "b"],
    ["BITFIELD", "k", "GET", "u8", "0"],
    ["BLMOVE", "a", "b", "LEFT", "RIGHT", "0"],
    ["BLPOP", "a", "b", "0"],
    ["BRPOPLPUSH", "a", "b", "0"],
    ["LMOVE", "a", "b", "LEFT", "RIGHT"],
    ["RENAME", "a", "b"],
    ["SMOVE", "a", "b", "m"],
    ["COPY", "a", "b", "REPLACE"],
    ["PFMERGE", "dest", "a", "b"],
    ["SUNIONSTORE", "dest", "a", "b"],
    ["ZRANGESTORE", "dest", "src", "0", "-1"],
    ["LCS", "a", "b"],
    ["XADD", "s", "*", "f", "v"],
    ["RESTORE", "k", "0", "payload"],
    ["TOUCH", "a", "b"],
    ["WATCH", "a", "b"],
    ["SCAN", "0", "MATCH", "u:*"],
    ["KEYS", "u:*"],
    ["PUBLISH", "ch", "m"],
    ["SPUBLISH", "ch", "m"],
  ];

  it.each(WIRE_CASES)("keyPositions agrees with COMMAND GETKEYS: %s", async (command, ...args) => {
    const positions = keyPositions(command, args);
    expect(positions).not.toBe("unknown");
    const ours = (positions as number[]).map((p) => args[p]).sort();
    expect(ours).toEqual(await serverKeys([command, ...args]));
  });

  it("covers at least 25 distinct commands", () => {
    expect(new Set(WIRE_CASES.map((c) => c[0])).size).toBeGreaterThanOrEqual(25);
  });

  /** [method, arguments as source, node-redis majors the call is valid for] */
  const NODE_REDIS_CASES: Array<[string, string, number[]]> = [
    ["set", `"k", "v", { EX: 10 }`, [4, 5]],
    ["mSet", `{ a: "1", b: "2" }`, [4, 5]],
    ["mSet", `[["a", "1"], ["b", "2"]]`, [4, 5]],
    ["mSet", `["a", "1", "b", "2"]`, [4, 5]],
    ["mSetNX", `{ a: "1" }`, [4, 5]],
    ["mGet", `["a", "b"]`, [4, 5]],
    ["del", `["a", "b"]`, [4, 5]],
    ["hSet", `"h", { f: "v" }`, [4, 5]],
    ["eval", `"return 1", { keys: ["a", "b"], arguments: ["x"] }`, [4, 5]],
    ["fCall", `"fn", { keys: ["a"], arguments: ["1"] }`, [4, 5]],
    ["zUnionStore", `"d", ["a", "b"], { WEIGHTS: [1, 2] }`, [4, 5]],
    ["zInterStore", `"d", ["a", "b"]`, [4, 5]],
    ["zDiffStore", `"d", ["a", "b"]`, [4, 5]],
    ["sInterCard", `["a", "b"]`, [4, 5]],
    ["lmPop", `["a", "b"], "LEFT"`, [4, 5]],
    ["blmPop", `0, ["a", "b"], "LEFT"`, [4, 5]],
    ["zmPop", `["a", "b"], "MIN"`, [4, 5]],
    ["xRead", `[{ key: "s1", id: "0" }, { key: "s2", id: "0" }], { COUNT: 2 }`, [4, 5]],
    ["xReadGroup", `"g", "c", [{ key: "s1", id: ">" }], { COUNT: 1 }`, [4, 5]],
    ["geoRadiusStore", `"geo", { longitude: 1, latitude: 2 }, 10, "km", "dest"`, [4, 5]],
    ["geoRadiusStore", `"geo", { longitude: 1, latitude: 2 }, 10, "km", "dest", { STOREDIST: true }`, [4, 5]],
    ["geoRadiusByMemberStore", `"geo", "m", 10, "km", "dest"`, [4, 5]],
    ["sortStore", `"k", "dest", { LIMIT: { offset: 0, count: 10 } }`, [4, 5]],
    ["sort", `"k", { BY: "w_*" }`, [4, 5]],
    ["bitOp", `"AND", "d", ["a", "b"]`, [4, 5]],
    ["blMove", `"a", "b", "LEFT", "RIGHT", 0`, [4, 5]],
    ["blPop", `["a", "b"], 0`, [4, 5]],
    ["objectEncoding", `"k"`, [4, 5]],
    ["memoryUsage", `"k"`, [4, 5]],
    ["xGroupCreate", `"s", "g", "$"`, [4, 5]],
    ["migrate", `"127.0.0.1", 6379, ["a", "b"], 0, 1000`, [4, 5]],
    ["migrate", `"127.0.0.1", 6379, "k", 0, 1000`, [4, 5]],
    ["pfMerge", `"d", ["a", "b"]`, [4, 5]],
    ["zRangeStore", `"d", "s", 0, 1`, [4, 5]],
    ["copy", `"a", "b"`, [4, 5]],
  ];

  it.each(NODE_REDIS_CASES)("node-redis %s(%s): keyArgumentNodes agrees with the server", async (method, source, majors) => {
    const command = commandFromMethod(method)!.command;
    const found = keyArgumentNodes(command, "node-redis", argumentsOf(`c.${method}(${source})`), method);
    expect(found.complete).toBe(true);
    const values = new Function(`return [${source}]`)() as unknown[];
    for (const major of majors) {
      const argv = major === 4 ? NODE_REDIS_V4[method].transformArguments(...values) : v5Argv(method, values);
      expect(keyValues(found.keys).sort(), `v${major} ${argv.join(" ")}`).toEqual(await serverKeys(argv));
    }
  });

  it("the checked-in table is what the generator produces from this server", async (ctx) => {
    const version = /redis_version:(\S+)/.exec(await redis.info("server"))?.[1];
    if (version !== COMMAND_TABLE_REDIS_VERSION) ctx.skip(`server is ${version}, table is from ${COMMAND_TABLE_REDIS_VERSION}`);
    const fresh = join(tmpdir(), `commands-${process.pid}.json`);
    try {
      await promisify(execFile)(process.execPath, [GENERATOR, fresh], { env: { ...process.env, REDIS_URL: redisUrl() } });
      expect(readFileSync(TABLE_FILE, "utf8")).toBe(readFileSync(fresh, "utf8"));
    } finally {
      rmSync(fresh, { force: true });
    }
  });
});
