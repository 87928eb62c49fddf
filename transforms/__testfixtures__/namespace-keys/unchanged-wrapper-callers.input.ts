import { remember, tag } from "./lib/cache";
import { key } from "./redis/key";

export const product = (id: string) => remember(key("product", id), 300, async () => id);
export const label = (id: string) => tag(`product:${id}`);
