import { forget, listKeys, lookup, remember, tag, touch } from "./lib/cache";
import * as cache from "./lib/cache";
import { page } from "./lib/pages";
import { key, keyPattern, glob } from "./redis/key";

export async function product(id: string): Promise<string> {
  return remember(key("product", id), 300, async () => JSON.stringify({ id }));
}

export async function invalidate(id: string, slug: string): Promise<void> {
  await forget(key("product", id));
  await cache.forget(key("category", slug));
}

export const settings = () => lookup(key("config", "settings"));
export const allProducts = () => listKeys(keyPattern("product", glob("*")));
export const home = () => page(key("page", "home"), async () => "<h1>home</h1>");
export const label = (id: string) => tag(`product:${id}`);
export const keepAlive = (sid: string) => touch(`session:${sid}`);
