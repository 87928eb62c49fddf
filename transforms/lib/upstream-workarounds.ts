/**
 * Workarounds for upstream jscodeshift / recast / ast-types behaviour, each with its reason.
 * Everything here is safe to remove once upstream changes.
 */
import { use } from "ast-types";
import * as typesModule from "ast-types/lib/types.js";

/**
 * ast-types rebuilds a "supertype lookup table" over all ~300 node types every time a visitor
 * is created, and jscodeshift creates one per `find()` call. With dozens of `find()`s per file
 * that table was the largest single cost of a run on a large tree. The table depends only on
 * the visitor's method names, so it is memoised on them.
 */
export function memoizeVisitorTables(): void {
  // Node's ESM view of this CommonJS module nests the default export once more than Babel's does.
  const namespace = typesModule as any;
  const plugin = typeof namespace.default === "function" ? namespace.default : namespace.default.default;
  const types = use(plugin) as any;
  if (types.redisCodemodsMemoized) return;
  const compute = types.computeSupertypeLookupTable;
  const cache = new Map<string, unknown>();
  types.computeSupertypeLookupTable = (candidates: Record<string, unknown>) => {
    const key = Object.keys(candidates).sort().join(",");
    let table = cache.get(key);
    if (!table) {
      table = compute(candidates);
      cache.set(key, table);
    }
    return table;
  };
  types.redisCodemodsMemoized = true;
}
