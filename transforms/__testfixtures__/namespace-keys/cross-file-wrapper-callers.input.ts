import { forget, listKeys, lookup, remember, tag, touch } from "./lib/cache";
import * as cache from "./lib/cache";
import { page } from "./lib/pages";

export async function product(id: string): Promise<string> {
  return remember(`product:${id}`, 300, async () => JSON.stringify({ id }));
}

export async function invalidate(id: string, slug: string): Promise<void> {
  await forget("product:" + id);
  await cache.forget(`category:${slug}`);
}

export const settings = () => lookup("config:settings");
export const allProducts = () => listKeys("product:*");
export const home = () => page("page:home", async () => "<h1>home</h1>");
export const label = (id: string) => tag(`product:${id}`);
export const keepAlive = (sid: string) => touch(`session:${sid}`);
