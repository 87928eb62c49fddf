import { Cluster } from "ioredis";

const cluster = new Cluster([{ host: "redis-0", port: 6379 }]);

export async function evictTenant(tenant: string): Promise<void> {
  for (const key of await cluster.keys(`tenant:${tenant}:*`)) {
    await cluster.unlink(key);
  }
}

export async function tenantKeyCount(tenant: string): Promise<number> {
  const keys = await cluster.keys(`tenant:${tenant}:*`);
  return keys.length;
}
