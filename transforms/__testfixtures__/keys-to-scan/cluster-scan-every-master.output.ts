import { Cluster } from "ioredis";

const cluster = new Cluster([{ host: "redis-0", port: 6379 }]);

export async function evictTenant(tenant: string): Promise<void> {
  const seen = new Set<string>(); // SCAN may return a key more than once
  for (const node of cluster.nodes("master")) {
    let cursor = "0";
    do {
      const [nextCursor, batch] = await node.scan(cursor, "MATCH", `tenant:${tenant}:*`, "COUNT", 500);
      cursor = nextCursor;
      const fresh = batch.filter((key2) => !seen.has(key2));
      for (const key2 of fresh) seen.add(key2);
      for (const key of fresh) {
        await cluster.unlink(key);
      }
    } while (cursor !== "0");
  }
}

export async function tenantKeyCount(tenant: string): Promise<number> {
  const found = new Set<string>(); // SCAN may return a key more than once
  for (const node of cluster.nodes("master")) {
    let cursor = "0";
    do {
      const [nextCursor, batch] = await node.scan(cursor, "MATCH", `tenant:${tenant}:*`, "COUNT", 500);
      cursor = nextCursor;
      for (const key of batch) found.add(key);
    } while (cursor !== "0");
  }
  const keys = [...found];
  return keys.length;
}
