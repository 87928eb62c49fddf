import { createCluster } from "redis";

const cluster = createCluster({ rootNodes: [{ url: "redis://redis-0:6379" }] });

export async function tenantKeyCount(tenant: string): Promise<number> {
  return (await cluster.keys(`tenant:${tenant}:*`)).length;
}
