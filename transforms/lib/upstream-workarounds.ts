/**
 * Workarounds for upstream jscodeshift / recast / ast-types behaviour, each with its reason.
 * Everything here is safe to remove once upstream changes.
 */
import { use } from "ast-types";
import * as scopeModule from "ast-types/lib/scope.js";
import * as typesModule from "ast-types/lib/types.js";

/** Node's ESM view of an ast-types CommonJS plugin nests the default export once more than Babel's does. */
function pluginOf(namespace: any): any {
  return typeof namespace.default === "function" ? namespace.default : namespace.default.default;
}

/**
 * ast-types rebuilds a "supertype lookup table" over all ~300 node types every time a visitor
 * is created, and jscodeshift creates one per `find()` call. With dozens of `find()`s per file
 * that table was the largest single cost of a run on a large tree. The table depends only on
 * the visitor's method names, so it is memoised on them.
 */
export function memoizeVisitorTables(): void {
  const types = use(pluginOf(typesModule)) as any;
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

/**
 * ast-types 0.16 asserts that a catch clause has a parameter when it scans the clause's scope, so
 * any scope lookup inside `catch { ... }` (optional catch binding, ES2019, common in real code)
 * throws "null does not match type Pattern". A clause without a parameter binds nothing (the
 * declarations in its body belong to the enclosing scope), so its scan is empty.
 */
export function allowOptionalCatchBinding(): void {
  const Scope = use(pluginOf(scopeModule)) as any;
  const scan = Scope.prototype.scan;
  if (scan.redisCodemodsPatched) return;
  const patched = function (this: any, force?: boolean) {
    if (this.node?.type === "CatchClause" && this.node.param == null) {
      this.didScan = true;
      return;
    }
    return scan.call(this, force);
  };
  patched.redisCodemodsPatched = true;
  Scope.prototype.scan = patched;
}
