import { Redis } from "ioredis";

const redis = new Redis();
const PREFIX = "catalog:";

export async function publish(lists: { featured: string[]; fresh: string[] }): Promise<void> {
  await redis
    .pipeline()
    .set(PREFIX + "featured", JSON.stringify(lists.featured))
    .set(PREFIX + "new", JSON.stringify(lists.fresh))
    .exec();
}

export async function importProducts(products: Array<{ id: string; sku: string; stock: number }>): Promise<number> {
  const pipe = redis.pipeline();
  for (const p of products) {
    pipe.set(`product:${p.id}`, JSON.stringify(p));
    pipe.set(`stock:${p.sku}`, String(p.stock));
  }
  const results = await pipe.exec();
  return results?.length ?? 0;
}

export async function swap(a: string, b: string): Promise<void> {
  await redis.multi().set(`pair:${a}`, b).set(`pair:${b}`, a).exec();
}
