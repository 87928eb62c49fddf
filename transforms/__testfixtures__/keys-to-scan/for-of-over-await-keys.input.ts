import { Redis } from "ioredis";

export class ProductExporter {
  constructor(private readonly redis: Redis) {}

  async export(write: (line: string) => void): Promise<number> {
    let exported = 0;
    // one line per product, in whatever order Redis hands them out
    for (const k of await this.redis.keys("product:*")) {
      const raw = await this.redis.get(k); // may have expired meanwhile
      if (!raw) continue;

      write(raw);
      exported++;
    }
    return exported;
  }
}
