import { Redis } from "ioredis";

export class ProductExporter {
  constructor(private readonly redis: Redis) {}

  async export(write: (line: string) => void): Promise<number> {
    let exported = 0;
    // one line per product, in whatever order Redis hands them out
    const seen = new Set<string>(); // SCAN may return a key more than once
    let cursor = "0";
    do {
      const [nextCursor, batch] = await this.redis.scan(cursor, "MATCH", "product:*", "COUNT", 500);
      cursor = nextCursor;
      const fresh = batch.filter((key) => !seen.has(key));
      for (const key of fresh) seen.add(key);
      for (const k of fresh) {
        const raw = await this.redis.get(k); // may have expired meanwhile
        if (!raw) continue;

        write(raw);
        exported++;
      }
    } while (cursor !== "0");
    return exported;
  }
}
