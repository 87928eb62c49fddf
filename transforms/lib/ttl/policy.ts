/**
 * Which TTL a key gets (SPEC §5 require-ttl): none for `persistentKeys`, the most specific
 * `ttlByPattern` glob that covers it, `lockTtlSeconds` for lock-like NX writes, else the default.
 */
import type { ResolvedConfig } from "../config.js";
import { type KeyShape, globCovers, globMayMatch, keyPattern, staticPrefix } from "./keys.js";

export type KeyPolicy =
  | { kind: "persistent"; glob: string }
  /** The key's literal prefix could match a persistent glob, but not every such key does. */
  | { kind: "ambiguous"; glob: string }
  | { kind: "ttl"; seconds: number; why: string };

const LOCK_WORDS = new Set(["lock", "locks", "locked", "locking", "mutex", "semaphore", "lease"]);

/** The policy for one key written with (`nx`) or without NX; `names` are extra names around the write. */
export function keyPolicy(shape: KeyShape, config: ResolvedConfig, nx: boolean, names: string[] = []): KeyPolicy {
  const persistent = config.persistentKeys.find((glob) => globCovers(glob, shape));
  if (persistent) return { kind: "persistent", glob: persistent };
  const maybe = staticPrefix(shape) ? config.persistentKeys.find((glob) => globMayMatch(glob, shape)) : undefined;
  if (maybe) return { kind: "ambiguous", glob: maybe };
  const pattern = mostSpecific(Object.keys(config.ttlByPattern ?? {}).filter((glob) => globCovers(glob, shape)));
  if (pattern) return { kind: "ttl", seconds: config.ttlByPattern[pattern], why: `ttlByPattern "${pattern}"` };
  if (nx && isLockLike(shape, names)) return { kind: "ttl", seconds: config.lockTtlSeconds, why: "lockTtlSeconds: NX lock" };
  return { kind: "ttl", seconds: config.defaultTtlSeconds, why: "defaultTtlSeconds" };
}

/** A message fragment naming the key: `"cart:*"`, or the expression (`` `key` ``) when none of it is literal. */
export function describeKey(shape: KeyShape): string {
  if (shape.parts.some((p) => "text" in p)) return `"${keyPattern(shape)}"`;
  return shape.parts.length === 1 && "dynamic" in shape.parts[0] ? `\`${shape.parts[0].dynamic}\`` : "key";
}

/** The key's text or any name around it (key variable, builder, result variable) reads like a lock. */
export function isLockLike(shape: KeyShape, names: string[]): boolean {
  const texts = [...shape.parts.map((p) => ("text" in p ? p.text : p.dynamic)), ...shape.names, ...names];
  return texts.some((t) => words(t).some((w) => LOCK_WORDS.has(w)));
}

/** `checkoutLock` → checkout, lock; `lock:report:${d}` → lock, report, d. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The glob with the most literal characters (ties: the first in config order). */
function mostSpecific(globs: string[]): string | undefined {
  let best: string | undefined;
  for (const g of globs) if (!best || literalLength(g) > literalLength(best)) best = g;
  return best;
}

function literalLength(glob: string): number {
  return glob.replace(/[*?]|\[[^\]]*\]/g, "").length;
}
