/**
 * The Redis command table (SPEC §4) and the questions transforms ask of it: which command a client
 * method sends, and which of its arguments are keys. The data in commands.json is generated from a
 * real server's COMMAND INFO / COMMAND DOCS by scripts/generate-commands.mjs, never hand-edited.
 */
import type { ASTNode } from "jscodeshift";
import table from "./commands.json" with { type: "json" };
import type { Flavour } from "./modules.js";

/** Where the first key is: a fixed argv index, or just after a keyword (SORT's STORE comes from COMMAND DOCS). */
export type BeginSearch =
  | { type: "index"; index: number }
  | { type: "keyword"; keyword: string; startfrom: number }
  | { type: "unknown"; keyword?: string };

/** How many keys follow: a range (negative lastkey counts from the end) or a count argument (numkeys). */
export type FindKeys =
  | { type: "range"; lastkey: number; step: number; limit: number }
  | { type: "keynum"; keynumidx: number; firstkey: number; step: number }
  | { type: "unknown" };

export interface KeySpec {
  /** Upper-case key-spec flags: RW RO OW RM ACCESS UPDATE INSERT DELETE NOT_KEY INCOMPLETE VARIABLE_FLAGS. */
  flags: string[];
  begin: BeginSearch;
  find: FindKeys;
}

export interface CommandSpec {
  /** Upper-case name; subcommands as "CONFIG GET". */
  name: string;
  arity: number;
  /** Command flags: write readonly denyoom blocking pubsub noscript admin fast movablekeys no_multi no_mandatory_keys. */
  flags: string[];
  /** ACL categories without "@", minus read/write/fast/slow. */
  acl: string[];
  /** Legacy first key, last key, step (argv indexes). */
  keys: [number, number, number];
  keySpecs: KeySpec[];
  /** For keyword searches: leading positional arguments, and how many values follow each token. */
  grammar?: { positional: number; tokens: Record<string, number> };
  group?: string;
  since?: string;
  deprecatedSince?: string;
  replacedBy?: string;
}

export interface KeyArguments {
  /** Argument nodes that are keys (a dynamic one may hold several, e.g. `del(keys)`); object-form keys are property keys. */
  keys: ASTNode[];
  /** False when some key could not be located: spread arguments, dynamic numkeys, dynamic key containers. */
  complete: boolean;
}

interface KeyScan {
  positions: number[];
  complete: boolean;
}

type NodeOfType<K extends ASTNode["type"]> = Extract<ASTNode, { type: K }>;

/** Redis version the table was generated from. */
export const COMMAND_TABLE_REDIS_VERSION: string = table.redisVersion;

const COMMANDS = new Map<string, CommandSpec>(
  Object.entries(table.commands as unknown as Record<string, Omit<CommandSpec, "name">>).map(([name, spec]) => [name, { name, ...spec }]),
);
const CONTAINERS = new Set([...COMMANDS.keys()].filter((name) => name.includes(" ")).map((name) => name.split(" ")[0]));
const BY_SQUASHED_NAME = new Map([...COMMANDS.values()].map((spec) => [squash(spec.name), spec]));

/** Client methods named like commands that do not send them: transactions are queued and sent by the client. */
const CLIENT_API_METHODS = new Set(["MULTI", "EXEC"]);
/** node-redis spells reply/argument variants as suffixes: zRangeWithScores, lPopCount, geoRadiusStore, xAutoClaimJustId. */
const VARIANT_SUFFIXES = [
  "WITHMATCHLEN", "WITHSCORES", "WITHSCORE", "WITHVALUES", "WITHCODE", "WITH", "COUNT", "JUSTID", "NOVALUES", "NOMKSTREAM",
  "INCR", "IDX", "LEN", "RANGE", "STORE", "RAW", "RESET",
];
const PROMISIFIED_SUFFIX = "Async";
const BUFFER_SUFFIX = "Buffer";
const MIGRATE = "MIGRATE";
const MIGRATE_KEY_POSITION = 3;
/** node-redis passes the keys of EVAL/EVALSHA/FCALL (group "scripting") as an options object `{ keys }`. */
const SCRIPTING_GROUP = "scripting";

/**
 * node-redis argument that carries the keys the wire puts after a keyword; `null` when another
 * argument already covers them (MIGRATE takes `key | key[]`). Store variants only exist as
 * `...Store` methods (geoRadiusStore, sortStore).
 */
const NODE_REDIS_KEYWORD_ARGUMENTS: Record<string, { index: number; storeMethod?: boolean } | null> = {
  "XREAD STREAMS": { index: 0 },
  "XREADGROUP STREAMS": { index: 2 },
  "GEORADIUS STORE": { index: 4, storeMethod: true },
  "GEORADIUS STOREDIST": { index: 4, storeMethod: true },
  "GEORADIUSBYMEMBER STORE": { index: 4, storeMethod: true },
  "GEORADIUSBYMEMBER STOREDIST": { index: 4, storeMethod: true },
  "SORT STORE": { index: 1, storeMethod: true },
  "MIGRATE KEYS": null,
};

/** The table entry for a command, case-insensitive; subcommands as "CONFIG GET", "config get" or "config|get". */
export function lookupCommand(name: string): CommandSpec | undefined {
  return COMMANDS.get(name.trim().replace(/[\s|]+/g, " ").toUpperCase());
}

/** Whether the command modifies data (flag `write`). */
export function isWriteCommand(command: string): boolean {
  return hasFlag(command, "write");
}

/** Whether the command only reads data (flag `readonly`). */
export function isReadOnlyCommand(command: string): boolean {
  return hasFlag(command, "readonly");
}

/** Whether the command may block the connection (BLPOP, BLMOVE, XREAD ... BLOCK). */
export function isBlockingCommand(command: string): boolean {
  return hasFlag(command, "blocking");
}

/** Whether the command belongs to Pub/Sub (SUBSCRIBE, PUBLISH, ...), which puts or uses a connection in a special mode. */
export function isPubSubCommand(command: string): boolean {
  return hasFlag(command, "pubsub");
}

function hasFlag(command: string, flag: string): boolean {
  return lookupCommand(command)?.flags.includes(flag) ?? false;
}

/**
 * The command a client method sends: ioredis `hgetall`/`getBuffer`, node-redis `hGetAll`/`configGet`/
 * `HGETALL`/`CONFIG_GET`/`zRangeWithScores`, legacy promisified `keysAsync`. Undefined for client API
 * (`on`, `pipeline`, `multi`, `exec`, `scanIterator`) and for commands this table does not know.
 */
export function commandFromMethod(method: string): { command: string; promisified: boolean } | undefined {
  const direct = commandFromMethodName(method);
  if (direct) return { command: direct.name, promisified: false };
  if (!method.endsWith(PROMISIFIED_SUFFIX)) return undefined;
  const promisified = commandFromMethodName(method.slice(0, -PROMISIFIED_SUFFIX.length));
  return promisified ? { command: promisified.name, promisified: true } : undefined;
}

function commandFromMethodName(method: string): CommandSpec | undefined {
  if (!/^[A-Za-z][\w-]*$/.test(method) || CLIENT_API_METHODS.has(squash(method))) return undefined;
  const words = method.split(/(?<=[a-z0-9])(?=[A-Z])|[_-]/).map((w) => w.toUpperCase());
  return (
    BY_SQUASHED_NAME.get(words.join("")) ??
    variantCommand(method, words) ??
    (method.endsWith(BUFFER_SUFFIX) ? commandFromMethodName(method.slice(0, -BUFFER_SUFFIX.length)) : undefined)
  );
}

/**
 * hRandFieldCountWithValues -> HRANDFIELD, GEORADIUS_RO_WITH -> GEORADIUS_RO; suffixes start at a word
 * boundary, except in node-redis v4's one-word upper-case aliases (GEORADIUSSTORE -> GEORADIUS).
 */
function variantCommand(method: string, words: string[]): CommandSpec | undefined {
  const name = words.join("");
  const anyCut = words.length === 1 && method === name;
  const boundaries = wordStarts(words);
  for (let cut = name.length - 1; cut > 0; cut--) {
    if (!anyCut && !boundaries.has(cut)) continue;
    const spec = isVariantSuffix(name.slice(cut)) ? BY_SQUASHED_NAME.get(name.slice(0, cut)) : undefined;
    if (spec) return spec;
  }
  return undefined;
}

function wordStarts(words: string[]): Set<number> {
  const starts = new Set<number>();
  let offset = 0;
  for (const word of words) {
    starts.add(offset);
    offset += word.length;
  }
  return starts;
}

function isVariantSuffix(suffix: string): boolean {
  return suffix === "" || VARIANT_SUFFIXES.some((s) => suffix.startsWith(s) && isVariantSuffix(suffix.slice(s.length)));
}

/** "CONFIG GET" -> "CONFIGGET", "CLIENT NO-EVICT" -> "CLIENTNOEVICT", "SORT_RO" -> "SORTRO". */
function squash(name: string): string {
  return name.toUpperCase().replace(/[\s_|-]/g, "");
}

/**
 * Wire-level key positions: `args` are the arguments after the command name (after both words of
 * "CONFIG GET"), each the literal string or undefined when dynamic. Returns the 0-based indexes of
 * the key arguments, or "unknown" when they depend on a dynamic value (numkeys, a keyword search)
 * or the command is not in the table.
 */
export function keyPositions(command: string, args: ReadonlyArray<string | undefined>): number[] | "unknown" {
  const scan = scanKeys(command, args);
  return scan.complete ? scan.positions : "unknown";
}

/** Key positions that could be located even when others could not. */
function scanKeys(command: string, args: ReadonlyArray<string | undefined>): KeyScan {
  const spec = lookupCommand(command);
  if (!spec) return { positions: [], complete: false };
  if (CONTAINERS.has(spec.name)) return scanSubcommand(spec, args);
  const words = spec.name.split(" ").length;
  const argv: Array<string | undefined> = [...spec.name.split(" "), ...args];
  const scans = keySpecsOf(spec).map((keySpec) => specPositions(keySpec, argv, spec.grammar, words));
  const positions = withoutMigratePlaceholder(spec, scans.flatMap((s) => s.positions)).map((p) => p - words);
  return { positions: unique(positions).sort((a, b) => a - b), complete: scans.every((s) => s.complete) };
}

function scanSubcommand(container: CommandSpec, args: ReadonlyArray<string | undefined>): KeyScan {
  const subcommand = args[0] === undefined ? undefined : lookupCommand(`${container.name} ${args[0]}`);
  if (!subcommand) return { positions: [], complete: false };
  const scan = scanKeys(subcommand.name, args.slice(1));
  return { positions: scan.positions.map((p) => p + 1), complete: scan.complete };
}

/** Key specs that name real keys (not the shard channels of SPUBLISH/SSUBSCRIBE). */
function keySpecsOf(spec: CommandSpec): KeySpec[] {
  return spec.keySpecs.filter((k) => !k.flags.includes("NOT_KEY"));
}

/** `MIGRATE host port "" db timeout KEYS k1 k2`: with the KEYS form the key argument is a placeholder. */
function withoutMigratePlaceholder(spec: CommandSpec, positions: number[]): number[] {
  const keysForm = spec.name === MIGRATE && positions.some((p) => p > MIGRATE_KEY_POSITION);
  return keysForm ? positions.filter((p) => p !== MIGRATE_KEY_POSITION) : positions;
}

/** Redis' own key-spec walk (db.c getKeysUsingKeySpecs) over a partly known argv. */
function specPositions(keySpec: KeySpec, argv: ReadonlyArray<string | undefined>, grammar: CommandSpec["grammar"], words: number): KeyScan {
  const first = firstKeyIndex(keySpec.begin, argv, grammar, words);
  if (first === "unknown") return { positions: [], complete: false };
  if (first === undefined || first >= argv.length) return { positions: [], complete: true };
  const last = lastKeyIndex(keySpec, first, argv);
  if (last === "unknown") return { positions: [], complete: false };
  const step = keySpec.find.type === "unknown" ? 1 : keySpec.find.step;
  const start = keySpec.find.type === "keynum" ? first + keySpec.find.firstkey : first;
  const positions: number[] = [];
  for (let i = start; i <= last && i < argv.length; i += step) positions.push(i);
  return { positions, complete: last < argv.length };
}

function firstKeyIndex(
  begin: BeginSearch,
  argv: ReadonlyArray<string | undefined>,
  grammar: CommandSpec["grammar"],
  words: number,
): number | "unknown" | undefined {
  if (begin.type === "index") return begin.index;
  if (!begin.keyword) return undefined;
  const startfrom = begin.type === "keyword" && begin.startfrom > 0 ? begin.startfrom : words + (grammar?.positional ?? 0);
  return keywordSearch(begin.keyword, startfrom, argv, grammar?.tokens ?? {});
}

/**
 * Walks the optional arguments token by token, skipping each token's values, so that a dynamic
 * option value (`COUNT n`, `BLOCK ms`) cannot be mistaken for the keyword; a dynamic argument where
 * a token could stand makes the search unknown.
 */
function keywordSearch(
  keyword: string,
  startfrom: number,
  argv: ReadonlyArray<string | undefined>,
  tokens: Record<string, number>,
): number | "unknown" | undefined {
  for (let i = startfrom; i < argv.length; ) {
    const token = argv[i]?.toUpperCase();
    if (token === undefined) return "unknown";
    if (token === keyword) return i + 1;
    i += 1 + (tokens[token] ?? 0);
  }
  return undefined;
}

function lastKeyIndex(keySpec: KeySpec, first: number, argv: ReadonlyArray<string | undefined>): number | "unknown" {
  const find = keySpec.find;
  if (find.type === "unknown") return keySpec.begin.type === "unknown" ? first : "unknown";
  if (find.type === "keynum") return keynumLast(first, find, argv);
  if (find.lastkey >= 0) return first + find.lastkey;
  if (find.limit > 0) return first + Math.floor((argv.length - first) / find.limit) + find.lastkey;
  return argv.length + find.lastkey;
}

function keynumLast(first: number, find: Extract<FindKeys, { type: "keynum" }>, argv: ReadonlyArray<string | undefined>): number | "unknown" {
  const numkeys = argv[first + find.keynumidx];
  if (numkeys === undefined || !/^\d+$/.test(numkeys)) return "unknown";
  return first + find.firstkey + Number(numkeys) - 1;
}

/**
 * AST-level keys of a call: which argument nodes are keys, given how the client library spells the
 * command (ioredis flattens arrays and `mset({...})`; legacy node-redis takes `(key, [args])`/`([args])`
 * and a trailing callback; node-redis v4/v5 take typed shapes such as `mSet({...})`,
 * `eval(script, { keys })`, `xRead([{ key, id }])`). Pass `method` for node-redis so that
 * `sortStore`/`geoRadiusStore` are told apart from `sort`/`geoRadius`.
 */
export function keyArgumentNodes(command: string, flavour: Flavour, args: readonly unknown[], method?: string): KeyArguments {
  const spec = lookupCommand(command);
  if (!spec) return { keys: [], complete: false };
  const nodes = args as readonly ASTNode[];
  return flavour === "node-redis" ? nodeRedisKeys(spec, nodes, method) : wireKeys(spec, wireArguments(spec, flavour, nodes));
}

interface WireArgument {
  node: ASTNode;
  value: string | undefined;
}

interface WireArguments {
  list: WireArgument[];
  /** A spread hides how many arguments follow. */
  truncated: boolean;
}

function wireKeys(spec: CommandSpec, wire: WireArguments): KeyArguments {
  const scan = scanKeys(spec.name, wire.list.map((a) => a.value));
  return { keys: unique(scan.positions.map((p) => wire.list[p].node)), complete: scan.complete && !wire.truncated };
}

/** The arguments as the client sends them, one entry per wire argument, up to the first spread. */
function wireArguments(spec: CommandSpec, flavour: Flavour, args: readonly ASTNode[]): WireArguments {
  const sent = isCallback(args[args.length - 1]) ? args.slice(0, -1) : args;
  const flattened = flavour === "ioredis" ? sent.flatMap((a) => arrayElements(a) ?? [a]) : legacyFlatten(sent);
  const list: WireArgument[] = [];
  for (const node of objectPairs(spec, flattened)) {
    if (node.type === "SpreadElement") return { list, truncated: true };
    list.push({ node, value: staticString(node) });
  }
  return { list, truncated: false };
}

/** node_redis v2/v3: `cmd([a, b], cb)` and `cmd(key, [a, b], cb)` send the array's elements. */
function legacyFlatten(args: readonly ASTNode[]): ASTNode[] {
  const first = arrayElements(args[0]);
  if (first) return first;
  const second = arrayElements(args[1]);
  return second ? [args[0], ...second] : [...args];
}

/** `mset({ a: "1" })` sends `a 1`: the property key node stands for the key. */
function objectPairs(spec: CommandSpec, args: ASTNode[]): ASTNode[] {
  const object = args.length === 1 && isPairCommand(spec) ? unwrap(args[0]) : undefined;
  if (!isType(object, "ObjectExpression")) return args;
  return object.properties.flatMap((p): ASTNode[] => (isType(p, "ObjectProperty", "Property") ? [p.key, p.value] : [spreadMarker(p)]));
}

function isPairCommand(spec: CommandSpec): boolean {
  return keySpecsOf(spec).some((k) => k.find.type === "range" && k.find.step === 2);
}

/** Stands for arguments of unknown count (an object spread or method in an object literal). */
function spreadMarker(node: ASTNode): ASTNode {
  return { type: "SpreadElement", argument: node } as ASTNode;
}

function nodeRedisKeys(spec: CommandSpec, args: readonly ASTNode[], method: string | undefined): KeyArguments {
  if (CONTAINERS.has(spec.name)) return { keys: [], complete: false };
  const words = spec.name.split(" ").length;
  const found = keySpecsOf(spec).map((keySpec) => nodeRedisSpecKeys(spec, keySpec, args, words, method));
  return { keys: unique(found.flatMap((f) => f.keys)), complete: found.every((f) => f.complete) };
}

function nodeRedisSpecKeys(spec: CommandSpec, keySpec: KeySpec, args: readonly ASTNode[], words: number, method: string | undefined): KeyArguments {
  const { begin, find } = keySpec;
  if (begin.type === "index") {
    const arg = argumentAt(args, begin.index - words);
    if (find.type === "keynum" && spec.group === SCRIPTING_GROUP) return arg === "spread" ? INCOMPLETE : keysOption(arg);
    return find.type === "range" && find.step === 2 ? pairKeys(arg) : variadicKeys(arg);
  }
  const slot = begin.keyword ? NODE_REDIS_KEYWORD_ARGUMENTS[`${spec.name} ${begin.keyword}`] : undefined;
  if (slot === null) return NONE;
  if (slot === undefined) return begin.keyword ? INCOMPLETE : NONE;
  const arg = argumentAt(args, slot.index);
  if (begin.keyword === "STREAMS") return streamKeys(arg);
  if (!slot.storeMethod) return variadicKeys(arg);
  const store = isStoreVariant(arg, method);
  return store === "unknown" ? INCOMPLETE : store ? variadicKeys(arg) : NONE;
}

const NONE: KeyArguments = { keys: [], complete: true };
const INCOMPLETE: KeyArguments = { keys: [], complete: false };

/** The argument at `index`, or "spread" when a spread argument comes first. */
function argumentAt(args: readonly ASTNode[], index: number): ASTNode | undefined | "spread" {
  return args.slice(0, index + 1).some((a) => a.type === "SpreadElement") ? "spread" : args[index];
}

/** `key`, `[k1, k2]` or a dynamic `keys` (kept whole: it may hold one key or several). */
function variadicKeys(arg: ASTNode | undefined | "spread"): KeyArguments {
  if (arg === "spread") return INCOMPLETE;
  if (arg === undefined) return NONE;
  const elements = arrayElements(arg);
  if (!elements) return { keys: [arg], complete: true };
  const keys = elements.filter((e) => e.type !== "SpreadElement");
  return { keys, complete: keys.length === elements.length };
}

/** node-redis EVAL/EVALSHA/FCALL options `{ keys: [...], arguments: [...] }`. */
function keysOption(arg: ASTNode | undefined): KeyArguments {
  if (arg === undefined) return NONE;
  const object = unwrap(arg);
  if (!isType(object, "ObjectExpression")) return INCOMPLETE;
  const value = propertyValue(object, "keys");
  if (value === "unknown") return INCOMPLETE;
  if (value === undefined) return NONE;
  return arrayElements(value) ? variadicKeys(value) : INCOMPLETE;
}

/** mSet: `{ a: "1" }`, `[["a", "1"]]` or `["a", "1", "b", "2"]`. */
function pairKeys(arg: ASTNode | undefined | "spread"): KeyArguments {
  if (arg === "spread") return INCOMPLETE;
  if (arg === undefined) return NONE;
  const object = unwrap(arg);
  if (isType(object, "ObjectExpression")) {
    const keys = object.properties.filter((p) => isType(p, "ObjectProperty", "Property")).map((p) => p.key as ASTNode);
    return { keys, complete: keys.length === object.properties.length };
  }
  const elements = arrayElements(arg);
  if (!elements) return INCOMPLETE;
  return elements.some((e) => arrayElements(e)) ? tupleKeys(elements) : flatPairKeys(elements);
}

function tupleKeys(tuples: ASTNode[]): KeyArguments {
  const firsts = tuples.map((t) => arrayElements(t)?.[0]);
  const keys = firsts.filter((k): k is ASTNode => k !== undefined && k.type !== "SpreadElement");
  return { keys, complete: keys.length === tuples.length };
}

function flatPairKeys(elements: ASTNode[]): KeyArguments {
  const spread = elements.findIndex((e) => e.type === "SpreadElement");
  const known = spread === -1 ? elements : elements.slice(0, spread);
  return { keys: known.filter((_, i) => i % 2 === 0), complete: spread === -1 };
}

/** xRead/xReadGroup streams: `{ key, id }` or an array of them. */
function streamKeys(arg: ASTNode | undefined | "spread"): KeyArguments {
  if (arg === "spread") return INCOMPLETE;
  if (arg === undefined) return NONE;
  const streams = arrayElements(arg) ?? [arg];
  const keys = streams.map((s) => {
    const object = unwrap(s);
    return isType(object, "ObjectExpression") ? propertyValue(object, "key") : undefined;
  });
  const known = keys.filter((k): k is ASTNode => k !== undefined && k !== "unknown");
  return { keys: known, complete: known.length === streams.length };
}

/** sortStore(source, destination) vs sort(key, options): by method name, else by the argument's shape. */
function isStoreVariant(arg: ASTNode | undefined | "spread", method: string | undefined): boolean | "unknown" {
  if (method) return squash(method).endsWith("STORE");
  if (arg === "spread") return "unknown";
  if (arg === undefined || isType(unwrap(arg), "ObjectExpression")) return false;
  return isStringExpression(arg) ? true : "unknown";
}

/** `"dest"`, `` `dest:${id}` ``, `"dest:" + id`. */
function isStringExpression(node: ASTNode): boolean {
  return staticString(node) !== undefined || isType(unwrap(node), "TemplateLiteral", "BinaryExpression");
}

/** A property's value in an object literal; "unknown" when a spread or computed key could provide it. */
function propertyValue(object: NodeOfType<"ObjectExpression">, name: string): ASTNode | "unknown" | undefined {
  let value: ASTNode | "unknown" | undefined;
  for (const p of object.properties) {
    const plain = isType(p, "ObjectProperty", "Property") && !p.computed;
    if (plain && propertyName(p.key as ASTNode) === name) value = p.value as ASTNode;
    else if (!plain && !isType(p, "ObjectMethod")) value = "unknown";
  }
  return value;
}

function propertyName(key: ASTNode): string | undefined {
  return isType(key, "Identifier") ? key.name : staticString(key);
}

/** Elements of an array literal (holes dropped), or undefined for anything else. */
function arrayElements(node: ASTNode | undefined): ASTNode[] | undefined {
  const array = node && unwrap(node);
  return isType(array, "ArrayExpression") ? array.elements.filter((e): e is NonNullable<typeof e> => e !== null) as ASTNode[] : undefined;
}

/** The literal string a node sends, when it is statically known ("a", 'a', `a`, 42). */
export function staticString(node: ASTNode | undefined): string | undefined {
  const n = node && unwrap(node);
  if (isType(n, "StringLiteral")) return n.value;
  if (isType(n, "NumericLiteral")) return String(n.value);
  if (isType(n, "Literal")) return typeof n.value === "string" || typeof n.value === "number" ? String(n.value) : undefined;
  if (isType(n, "TemplateLiteral") && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Sees through type-only wrappers: `"a" as const`, `x!`, `(x)`. */
function unwrap(node: ASTNode): ASTNode {
  let n = node;
  while (isType(n, "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "TypeCastExpression", "ParenthesizedExpression")) {
    n = n.expression as ASTNode;
  }
  return n;
}

function isCallback(node: ASTNode | undefined): boolean {
  return isType(node, "FunctionExpression", "ArrowFunctionExpression");
}

function isType<K extends ASTNode["type"]>(node: unknown, ...types: K[]): node is NodeOfType<K> {
  return typeof node === "object" && node !== null && (types as string[]).includes((node as ASTNode).type);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
