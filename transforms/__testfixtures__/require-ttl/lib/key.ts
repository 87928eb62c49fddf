/** Stand-in for the key helper namespace-keys generates: `key("user", id)` → `shop:<env>:user:<id>`. */
export function key(...parts: Array<string | number>): string {
  return ["shop", process.env.NODE_ENV ?? "dev", ...parts].join(":");
}
