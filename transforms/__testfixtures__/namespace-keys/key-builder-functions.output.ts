import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();

const productKey = (id: string) => key("product", id);
const stockKey = (sku: string): string => key("stock", sku);

function categoryKey(slug: string): string {
  return key("category", slug);
}

export async function products(ids: string[]): Promise<Array<string | null>> {
  return redis.mget(ids.map(productKey));
}

export async function stock(skus: string[]): Promise<Array<string | null>> {
  await redis.get(stockKey(skus[0]));
  return redis.mget(skus.map((sku) => key("stock", sku, "reserved")));
}

export async function category(slug: string): Promise<Record<string, string>> {
  console.log("reading", categoryKey(slug));
  return redis.hgetall(categoryKey(slug));
}

export { productKey };
