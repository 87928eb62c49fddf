/**
 * The four rules this tool enforces: id, why, and what the transform does. The one source for
 * `redis-codemods rules` and for the rules section `init` writes into CLAUDE.md / AGENTS.md, so
 * humans and coding assistants read the same words.
 */
import type { RuleId } from "../transforms/lib/context.js";

export interface Rule {
  rule: RuleId;
  /** The transform that enforces the rule. */
  id: string;
  title: string;
  why: string;
  /** What the transform rewrites, and what it only reports. */
  transform: string;
}

/** In the order of SPEC §1 (R1–R4). */
export const RULES: readonly Rule[] = [
  {
    rule: "R1",
    id: "namespace-keys",
    title: "Namespace every key",
    why: "Redis has no schema and no folders: the key is the namespace. Flat keys (`user_42`, `cart:` + id) collide as soon as a second service or environment shares the server, and nobody can tell what a key belongs to.",
    transform:
      "Rewrites literal, template and concatenated keys at key positions into calls of a generated `key(...parts)` helper that builds `<app>:<env>:<entity>:<id>[:<attr>]`, and SCAN/KEYS patterns into `keyPattern(...)`. Every rewritten site goes into a key migration plan, because renaming keys of existing data is a data migration.",
  },
  {
    rule: "R2",
    id: "require-ttl",
    title: "Every key has a TTL",
    why: "A key written without an expiry lives until maxmemory evicts something else, usually something hot. Caches that never expire slowly fill the server.",
    transform:
      "Adds the default TTL to bare `SET`s in the library's own shape (`\"EX\", ttl` or `{ EX: ttl }`), a short lock TTL to `NX` locks, merges `SET` + `EXPIRE` into one command and rewrites `SETNX`/`MSET` where an exact equivalent exists. Allow-listed persistent keys are left alone; writes it cannot fix faithfully are reported.",
  },
  {
    rule: "R3",
    id: "keys-to-scan",
    title: "Never KEYS in production",
    why: "`KEYS pattern` walks the whole keyspace in one O(N) call while every other client waits on the single-threaded server.",
    transform:
      "Replaces `KEYS` with incremental `SCAN ... MATCH ... COUNT` loops or the client's scan iterator, shaped by how the result is used (per batch, deleted per batch, or collected and de-duplicated), per master node on a cluster. O(N) reads of unbounded keys (`HGETALL`, `SMEMBERS`, `LRANGE 0 -1`) are reported.",
  },
  {
    rule: "R4",
    id: "shared-client",
    title: "One client per process",
    why: "A client constructed per request costs a TCP (often TLS and AUTH) handshake each time, leaks sockets when `quit()` is missed, and takes the server down under load.",
    transform:
      "Moves clients constructed inside handlers, middleware and per-request functions into a generated shared module (one export per distinct configuration, with production options) and imports it; per-request `connect()`/`quit()` are removed. Request-dependent, blocking and subscriber clients stay and are reported.",
  },
];

const WIDTH = 100;
const INDENT = "             ";

/** The rules for humans (`redis-codemods rules`), or as JSON. */
export function renderRules(format: "pretty" | "json"): string {
  if (format === "json") return JSON.stringify(RULES, null, 2) + "\n";
  return RULES.map((r) => [`${r.rule}  ${r.title}  (${r.id})`, wrap("why", r.why), wrap("transform", r.transform)].join("\n") + "\n").join("\n");
}

/** Breaks `text` at spaces (never inside a `code` span) into lines of about WIDTH characters, continuations indented. */
function wrap(label: string, text: string): string {
  const lines: string[] = [];
  let line = `  ${label}`.padEnd(INDENT.length - 1);
  for (const word of text.match(/(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+/g) ?? []) {
    if (line.trim() !== label && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = INDENT + word;
    } else {
      line = `${line} ${word}`;
    }
  }
  return [...lines, line].join("\n");
}
