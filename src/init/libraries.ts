/**
 * Client library APIs as the rules and the printout name them. node-redis 4 and 5+ differ where it
 * matters to callers (scanIterator yields keys vs arrays), so they are separate APIs.
 */
import type { LibraryUse } from "./detect.js";

export type ClientApi = "ioredis" | "node-redis-4" | "node-redis-5" | "node-redis-legacy";

/** Which API a dependency gives; node-redis of unknown version is taken as the current (5+) one. */
export function apiOf(library: LibraryUse): ClientApi {
  if (library.flavour === "ioredis") return "ioredis";
  if (library.flavour === "node-redis-legacy") return "node-redis-legacy";
  return library.major === 4 ? "node-redis-4" : "node-redis-5";
}

/** `ioredis 5`, `node-redis 4`, `node-redis 3, legacy callbacks`. */
export function libraryLabel(library: LibraryUse): string {
  const name = library.package === "ioredis" ? "ioredis" : "node-redis";
  if (library.major === undefined) return `${name} (version unknown${name === "node-redis" ? ", 5+ API assumed" : ""})`;
  return library.flavour === "node-redis-legacy" ? `${name} ${library.major}, legacy callbacks` : `${name} ${library.major}`;
}

/** The APIs in use, each with the folders that use it, in a stable order. */
export function apisInUse(libraries: LibraryUse[]): Array<{ api: ClientApi; scopes: string[] }> {
  const order: ClientApi[] = ["ioredis", "node-redis-5", "node-redis-4", "node-redis-legacy"];
  return order
    .map((api) => ({ api, scopes: [...new Set(libraries.filter((l) => apiOf(l) === api).map((l) => l.scope))] }))
    .filter((entry) => entry.scopes.length > 0);
}
