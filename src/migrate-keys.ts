/**
 * `redis-codemods migrate-keys`: moves existing data to the key names namespace-keys introduced,
 * following the key migration plan of a report (`user:{id}` → `shop:{env}:user:{id}`). Dry by
 * default; with `execute` each key is moved with RENAMENX (or copied with COPY), which keeps its
 * TTL and never overwrites: a key whose new name already exists is refused and reported. Running it
 * again moves nothing. Talks to Redis through ioredis.
 */
import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { escapeKeyPart } from "../transforms/lib/keys/module.js";

export interface PlanEntry {
  oldPattern: string;
  newPattern: string;
  file?: string;
  line?: number;
}

export interface MigrateKeysOptions {
  /** The plan: a report object (its `migrationPlan`), the entries themselves, or the path of a JSON report. */
  plan: string | PlanEntry[] | { migrationPlan: PlanEntry[] };
  /** `redis://[user:password@]host[:port][/db]` or `rediss://...`. */
  url: string;
  /** The environment name that replaces `{env}`, as the key module reads it (lowercased, escaped). */
  env: string;
  /** Write; without it nothing is changed and the result says what would happen. */
  execute?: boolean;
  /** Keep the old keys (COPY) instead of moving them (RENAMENX), e.g. while old and new code both run. */
  copy?: boolean;
  /** SCAN COUNT hint. */
  scanCount?: number;
}

export interface KeyMove {
  from: string;
  to: string;
}

export interface Refusal extends KeyMove {
  reason: string;
}

export interface MigrateKeysResult {
  execute: boolean;
  mode: "move" | "copy";
  env: string;
  /** Keys moved or copied (with `execute`), or that would be (dry run). */
  moved: KeyMove[];
  /** Keys left where they are, and why (target exists, ambiguous pattern). */
  refused: Refusal[];
  /** Copy mode: keys whose identical copy already exists under the new name. */
  alreadyMigrated: number;
  /** Per distinct plan entry: how many keys it moved. */
  entries: Array<{ oldPattern: string; newPattern: string; moved: number }>;
}

/** Moves (or, dry, plans moving) every key matching an old pattern of the plan to its new name. */
export async function migrateKeys(options: MigrateKeysOptions): Promise<MigrateKeysResult> {
  if (!options.env) throw new Error("migrate-keys needs the environment name that replaces {env} in the new key names");
  const env = escapeKeyPart(options.env.toLowerCase());
  const patterns = distinctPatterns(loadPlan(options.plan)).map((entry) => compile(entry, env));
  const result: MigrateKeysResult = {
    execute: Boolean(options.execute),
    mode: options.copy ? "copy" : "move",
    env,
    moved: [],
    refused: [],
    alreadyMigrated: 0,
    entries: patterns.map((p) => ({ oldPattern: p.entry.oldPattern, newPattern: p.entry.newPattern, moved: 0 })),
  };
  const redis = await RedisConnection.open(options.url);
  try {
    const seen = new Set<string>();
    const taken = new Map<string, string>();
    for (const glob of new Set(patterns.map((p) => p.glob))) {
      for await (const batch of scan(redis, glob, options.scanCount ?? 500)) {
        for (const key of batch) {
          if (seen.has(key)) continue;
          seen.add(key);
          await migrateOne(redis, key, patterns, options, result, taken);
        }
      }
    }
  } finally {
    redis.close();
  }
  return result;
}

/** A one-paragraph summary for the CLI. */
export function formatMigrateKeysResult(r: MigrateKeysResult): string {
  const verb = r.mode === "copy" ? "copied" : "moved";
  const lines = [`${r.execute ? "" : "dry run: "}${r.moved.length} key(s) ${r.execute ? verb : `would be ${verb}`} (env "${r.env}"), ${r.refused.length} refused${r.alreadyMigrated ? `, ${r.alreadyMigrated} already migrated` : ""}`];
  for (const e of r.entries) if (e.moved) lines.push(`  ${e.oldPattern} → ${e.newPattern}: ${e.moved}`);
  for (const x of r.refused) lines.push(`  refused ${x.from} → ${x.to}: ${x.reason}`);
  if (!r.execute && r.moved.length) lines.push("run again with --execute to apply");
  return lines.join("\n") + "\n";
}

// ---- the plan ----------------------------------------------------------------------------------

type Token = { text: string } | { name: string; lower: boolean; verbatim: boolean };

interface CompiledPattern {
  entry: PlanEntry;
  old: Token[];
  target: Token[];
  /** Anchored regular expressions for the old pattern, with greedy and lazy captures (ambiguity check). */
  greedy: RegExp;
  lazy: RegExp;
  glob: string;
  /** Literal characters of the old pattern: more means more specific. */
  specificity: number;
  /** `<app>:<env>:` of the new names: keys already under it are left alone. */
  namespace: string;
}

function loadPlan(plan: MigrateKeysOptions["plan"]): PlanEntry[] {
  const value = typeof plan === "string" ? JSON.parse(readFileSync(plan, "utf8")) : plan;
  const entries = Array.isArray(value) ? value : value?.migrationPlan;
  if (!Array.isArray(entries)) throw new Error("the plan has no migrationPlan: pass a JSON report of namespace-keys (--format json)");
  for (const e of entries) {
    if (typeof e?.oldPattern !== "string" || typeof e?.newPattern !== "string") throw new Error(`invalid plan entry: ${JSON.stringify(e)}`);
  }
  return entries;
}

/** One entry per (old, new) pair: every site that reads or writes the same keys lists it. */
function distinctPatterns(entries: PlanEntry[]): PlanEntry[] {
  const byPair = new Map<string, PlanEntry>();
  for (const e of entries) if (!byPair.has(`${e.oldPattern}\0${e.newPattern}`)) byPair.set(`${e.oldPattern}\0${e.newPattern}`, e);
  return [...byPair.values()];
}

/** `{name}`, `{name|lower}`, `{env}`, wildcards `{*}` / `{?}`; `{{` and `}}` are literal braces (hash tags). */
function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  let text = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if ((c === "{" || c === "}") && pattern[i + 1] === c) {
      text += c;
      i++;
      continue;
    }
    const close = c === "{" ? pattern.indexOf("}", i) : -1;
    if (close === -1) {
      text += c;
      continue;
    }
    if (text) out.push({ text });
    text = "";
    const [name, modifier] = pattern.slice(i + 1, close).split("|");
    out.push({ name, lower: modifier === "lower", verbatim: name === "*" || name === "?" });
    i = close;
  }
  if (text) out.push({ text });
  return out;
}

function compile(entry: PlanEntry, env: string): CompiledPattern {
  const old = tokens(entry.oldPattern);
  const target = tokens(entry.newPattern);
  const capture = (t: Token, lazy: boolean) => ("text" in t ? escapeRegex(t.text) : t.name === "?" ? "([\\s\\S])" : lazy ? "([\\s\\S]*?)" : "([\\s\\S]*)");
  const regex = (lazy: boolean) => new RegExp(`^${old.map((t) => capture(t, lazy)).join("")}$`);
  const envAt = target.findIndex((t) => "name" in t && t.name === "env");
  const namespace = envAt > 0 ? `${target.slice(0, envAt).map((t) => ("text" in t ? t.text : "")).join("")}${env}:` : "\0";
  return {
    entry,
    old,
    target,
    greedy: regex(false),
    lazy: regex(true),
    glob: old.map((t) => ("text" in t ? escapeGlob(t.text) : t.name === "?" ? "?" : "*")).join(""),
    specificity: old.reduce((n, t) => n + ("text" in t ? t.text.length : 0), 0),
    namespace,
  };
}

interface Match {
  pattern: CompiledPattern;
  to: string;
  /** Every named value is a single segment (no ':'), as key() would have written it. */
  exact: boolean;
}

/** The new name of `key` under `p`, or undefined when it does not match (or matches two ways). */
function matchKey(p: CompiledPattern, key: string, env: string): Match | "ambiguous" | undefined {
  if (key.startsWith(p.namespace)) return undefined;
  const greedy = p.greedy.exec(key);
  if (!greedy) return undefined;
  const lazy = p.lazy.exec(key)!;
  const values = new Map<string, string>();
  const wild: string[] = [];
  const placeholders = p.old.filter((t): t is Extract<Token, { name: string }> => "name" in t);
  for (const [i, t] of placeholders.entries()) {
    if (greedy[i + 1] !== lazy[i + 1]) return "ambiguous";
    if (t.verbatim) {
      wild.push(greedy[i + 1]);
      continue;
    }
    const known = values.get(t.name);
    if (known !== undefined && known !== greedy[i + 1]) return undefined;
    values.set(t.name, greedy[i + 1]);
  }
  const exact = [...values.values()].every((v) => !v.includes(":"));
  let nextWild = 0;
  const to = p.target
    .map((t) => {
      if ("text" in t) return t.text;
      if (t.name === "env") return env;
      if (t.verbatim) return wild[nextWild++] ?? "";
      const value = values.get(t.name) ?? "";
      return escapeKeyPart(t.lower ? value.toLowerCase() : value);
    })
    .join("");
  return { pattern: p, to, exact };
}

/**
 * The entry a key belongs to: entries whose values are single segments beat those that would have
 * to swallow a ':' (`cart:42:items` is `cart:{id}:items`, not `cart:{id}`), then the most literal
 * one; wildcard entries (`{*}`) come last. Ties that disagree on the new name are ambiguous.
 */
function bestMatch(patterns: CompiledPattern[], key: string, env: string): Match | Refusal | undefined {
  const matches: Match[] = [];
  let ambiguous = false;
  for (const p of patterns) {
    const m = matchKey(p, key, env);
    if (m === "ambiguous") ambiguous = true;
    else if (m) matches.push(m);
  }
  const rank = (m: Match) => (m.exact ? 2 : 0) + (m.pattern.old.some((t) => "name" in t && !t.verbatim) || m.pattern.old.every((t) => "text" in t) ? 1 : 0);
  const usable = matches.filter((m) => m.exact);
  if (!usable.length) {
    if (!matches.length && !ambiguous) return undefined;
    const shown = matches[0]?.pattern.entry.oldPattern ?? "the plan";
    return { from: key, to: matches[0]?.to ?? "", reason: `ambiguous: ${key} matches ${shown} only if a value contains ':' — not moved, check which code writes it` };
  }
  usable.sort((a, b) => rank(b) - rank(a) || b.pattern.specificity - a.pattern.specificity);
  const best = usable[0];
  const rivals = usable.filter((m) => rank(m) === rank(best) && m.pattern.specificity === best.pattern.specificity && m.to !== best.to);
  if (rivals.length) return { from: key, to: best.to, reason: `ambiguous: ${best.pattern.entry.oldPattern} and ${rivals[0].pattern.entry.oldPattern} give different new names` };
  return best;
}

async function migrateOne(
  redis: RedisConnection,
  key: string,
  patterns: CompiledPattern[],
  options: MigrateKeysOptions,
  result: MigrateKeysResult,
  /** new name → the key already moved (or planned) there */
  taken: Map<string, string>,
): Promise<void> {
  const match = bestMatch(patterns, key, result.env);
  if (!match) return;
  if ("reason" in match) {
    result.refused.push(match);
    return;
  }
  const move = { from: key, to: match.to };
  const entry = result.entries[patterns.indexOf(match.pattern)];
  const rival = taken.get(match.to);
  if (rival !== undefined) {
    result.refused.push({ ...move, reason: `target taken: ${rival} moves there too` });
    return;
  }
  if (!options.execute) {
    if ((await redis.command(["EXISTS", match.to])) === 1) return refuseOrCount(redis, move, result);
    taken.set(match.to, key);
    result.moved.push(move);
    entry.moved++;
    return;
  }
  let done: Reply;
  try {
    done = options.copy ? await copyKey(redis, key, match.to) : await redis.command(["RENAMENX", key, match.to]);
  } catch (error) {
    // Expired or deleted since SCAN listed it.
    if (/no such key/i.test((error as Error).message)) return;
    throw error;
  }
  if (done === 1) {
    taken.set(match.to, key);
    result.moved.push(move);
    entry.moved++;
    return;
  }
  await refuseOrCount(redis, move, result);
}

/** A target that exists: a finished copy of this very key (same serialized value) is no conflict. */
async function refuseOrCount(redis: RedisConnection, move: KeyMove, result: MigrateKeysResult): Promise<void> {
  if (result.mode === "copy") {
    const [a, b] = await Promise.all([redis.command(["DUMP", move.from]), redis.command(["DUMP", move.to])]);
    if (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b)) {
      result.alreadyMigrated++;
      return;
    }
  }
  result.refused.push({ ...move, reason: "target exists: not overwritten" });
}

/** COPY (Redis 6.2+), else DUMP + PTTL + RESTORE; 1 when copied, 0 when the target exists. TTLs are kept either way. */
async function copyKey(redis: RedisConnection, from: string, to: string): Promise<number> {
  try {
    return (await redis.command(["COPY", from, to])) as number;
  } catch (error) {
    if (!/unknown command/i.test(String((error as Error).message))) throw error;
  }
  const [payload, pttl] = await Promise.all([redis.command(["DUMP", from]), redis.command(["PTTL", from])]);
  if (!Buffer.isBuffer(payload)) return 0;
  try {
    await redis.command(["RESTORE", to, String(Math.max(0, pttl as number)), payload]);
    return 1;
  } catch (error) {
    if (/BUSYKEY/.test(String((error as Error).message))) return 0;
    throw error;
  }
}

async function* scan(redis: RedisConnection, glob: string, count: number): AsyncGenerator<string[]> {
  let cursor = "0";
  do {
    const [next, batch] = (await redis.command(["SCAN", cursor, "MATCH", glob, "COUNT", String(count)])) as [Buffer, Buffer[]];
    cursor = next.toString();
    yield batch.map((k) => k.toString("utf8")).filter((k, i) => Buffer.from(k, "utf8").equals(batch[i]));
  } while (cursor !== "0");
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

// ---- the connection --------------------------------------------------------------------------

type Reply = string | number | Buffer | null | Reply[];

/** An ioredis connection that sends raw commands and keeps binary replies (DUMP payloads) intact. */
class RedisConnection {
  private constructor(private readonly client: Redis) {}

  static async open(url: string): Promise<RedisConnection> {
    const u = new URL(url);
    if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw new Error(`unsupported Redis URL ${url} (redis:// or rediss://)`);
    // A migration must fail loudly rather than retry forever against an unreachable server.
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    await client.connect();
    return new RedisConnection(client);
  }

  command(args: Array<string | Buffer>): Promise<Reply> {
    const [name, ...rest] = args;
    return this.client.callBuffer(String(name), ...rest) as Promise<Reply>;
  }

  close(): void {
    this.client.disconnect();
  }
}
