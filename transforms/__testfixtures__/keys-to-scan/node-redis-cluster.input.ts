import { createCluster } from "redis";

const cluster = createCluster({ rootNodes: [{ url: "redis://redis-0:6379" }] });

export async function tenantKeys(tenant: string): Promise<string[]> {
  return cluster.keys(`tenant:${tenant}:*`);
}

export async function dropTenant(tenant: string): Promise<void> {
  const keys = await cluster.keys(`tenant:${tenant}:*`);
  if (keys.length) await cluster.del(keys);
}
