/**
 * The SCAN loop of each client library, as template text: the cursor loop of ioredis and
 * node-redis v4, the batch iterator of node-redis v5+, and the walk over every master of a
 * cluster (KEYS, and SCAN, on a cluster client only reach one node). Holes: CLIENT, MATCH
 * (the KEYS pattern, kept as written so later transforms still recognise it), KEY (SSCAN).
 */
import type { ClientInfo } from "../redis/clients.js";
import type { CodeStyle } from "./style.js";
import { indented } from "./template.js";

export type ScanLibrary = "ioredis" | "node-redis-4" | "node-redis-5";

export interface ScanSource {
  library: ScanLibrary;
  cluster: boolean;
  /** SCAN over the keyspace (MATCH pattern) or SSCAN over one set's members. */
  command: "SCAN" | "SSCAN";
  count: number;
  /** Text for the client: a hole, or the name of a constant bound first. */
  client: string;
  /** Text for the pattern (MATCH) or set key (SSCAN): a hole, or the name of a constant bound first. */
  target: string;
}

/** What runs for each batch (array of keys) or, where the library yields keys one by one, each key. */
export interface Consumer {
  batch: (batch: string) => string[];
  key?: (key: string) => string[];
}

type Name = (base: string) => string;

/** The library whose SCAN shapes apply to a client, or undefined (legacy callbacks need another shape). */
export function scanLibrary(client: ClientInfo): ScanLibrary | undefined {
  if (client.flavour === "ioredis") return "ioredis";
  if (client.flavour === "node-redis") return (client.major ?? 5) >= 5 ? "node-redis-5" : "node-redis-4";
  return undefined;
}

/** Whether the library has the shape: node-redis cluster clients have no SSCAN iterator of their own. */
export function supported(source: Pick<ScanSource, "library" | "cluster" | "command">): boolean {
  return !(source.cluster && source.command === "SSCAN" && source.library !== "ioredis");
}

/**
 * Template lines that walk the whole SCAN and run `consumer` on what each step returns.
 * Before/After (ioredis): `for (const k of await r.keys(p)) f(k)` →
 * `let cursor = "0"; do { const [nextCursor, batch] = await r.scan(cursor, "MATCH", p, "COUNT", 500); cursor = nextCursor; … } while (cursor !== "0")`
 */
export function scanLoop(source: ScanSource, style: CodeStyle, name: Name, consumer: Consumer): string[] {
  // A cluster is walked master by master: each holds its own slice of the keyspace.
  if (source.cluster && source.command === "SCAN") return clusterLoop(source, style, name, consumer);
  return singleLoop(source, style, name, consumer, source.client);
}

function clusterLoop(source: ScanSource, style: CodeStyle, name: Name, consumer: Consumer): string[] {
  const { semi, quote: q, indent } = style;
  const node = name("node");
  if (source.library === "ioredis") {
    return [`for (const ${node} of ${source.client}.nodes(${q}master${q})) {`, ...indented(singleLoop(source, style, name, consumer, node), indent), "}"];
  }
  const master = name("master");
  return [
    `for (const ${master} of ${source.client}.masters) {`,
    `${indent}const ${node} = await ${source.client}.nodeClient(${master})${semi}`,
    ...indented(singleLoop(source, style, name, consumer, node), indent),
    "}",
  ];
}

function singleLoop(source: ScanSource, style: CodeStyle, name: Name, consumer: Consumer, receiver: string): string[] {
  const { semi, quote: q, indent } = style;
  const { target, count } = source;
  if (source.library === "node-redis-5") {
    const batch = name("batch");
    const iterator = source.command === "SCAN" ? `${receiver}.scanIterator({ MATCH: ${target}, COUNT: ${count} })` : `${receiver}.sScanIterator(${target}, { COUNT: ${count} })`;
    return [`for await (const ${batch} of ${iterator}) {`, ...indented(consumer.batch(batch), indent), "}"];
  }
  if (source.library === "node-redis-4" && source.command === "SCAN" && consumer.key) {
    // v4's iterator yields single keys, a fit when keys are only collected.
    const key = name("key");
    return [`for await (const ${key} of ${receiver}.scanIterator({ MATCH: ${target}, COUNT: ${count} })) {`, ...indented(consumer.key(key), indent), "}"];
  }
  const cursor = name("cursor");
  const next = name("nextCursor");
  const batch = name("batch");
  const ioredis = source.library === "ioredis";
  const start = ioredis ? `${q}0${q}` : "0";
  const step = ioredis
    ? source.command === "SCAN"
      ? `const [${next}, ${batch}] = await ${receiver}.scan(${cursor}, ${q}MATCH${q}, ${target}, ${q}COUNT${q}, ${count})`
      : `const [${next}, ${batch}] = await ${receiver}.sscan(${target}, ${cursor}, ${q}COUNT${q}, ${count})`
    : source.command === "SCAN"
      ? `const { cursor: ${next}, keys: ${batch} } = await ${receiver}.scan(${cursor}, { MATCH: ${target}, COUNT: ${count} })`
      : `const { cursor: ${next}, members: ${batch} } = await ${receiver}.sScan(${target}, ${cursor}, { COUNT: ${count} })`;
  return [
    `let ${cursor} = ${start}${semi}`,
    "do {",
    `${indent}${step}${semi}`,
    `${indent}${cursor} = ${next}${semi}`,
    ...indented(consumer.batch(batch), indent),
    `} while (${cursor} !== ${start})${semi}`,
  ];
}

/** Whether the loop evaluates the pattern (or set key) more than once, so it must be cheap and stable. */
export function evaluatesTargetRepeatedly(source: Pick<ScanSource, "library" | "cluster" | "command">): boolean {
  return source.library !== "node-redis-5" || (source.cluster && source.command === "SCAN");
}

/** Whether the loop evaluates the client expression more than once. */
export function evaluatesClientRepeatedly(source: Pick<ScanSource, "library" | "cluster" | "command">): boolean {
  const perMaster = source.cluster && source.command === "SCAN";
  if (source.library === "ioredis") return !perMaster;
  if (source.library === "node-redis-5") return perMaster;
  return true;
}
