const cache = new Map<string, string>();
const headers = new Headers();
const store = { keys: () => ["user:1"], get: (k: string) => k };

export function remember(id: string): string | undefined {
  cache.set("user:" + id, "x");
  headers.set("x-user", `user:${id}`);
  store.get(`user:${id}`);
  return store.keys().find((k) => k.split(":")[1] === id);
}
