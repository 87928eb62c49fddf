import { createCluster } from "redis";

const cluster = createCluster({ rootNodes: [{ url: "redis://redis-0:6379" }] });

export async function tenantKeyCount(tenant: string): Promise<number> {
  const found = new Set<string>(); // SCAN may return a key more than once
  for (const master of cluster.masters) {
    const node = await cluster.nodeClient(master);
    for await (const key of node.scanIterator({ MATCH: `tenant:${tenant}:*`, COUNT: 500 })) {
      found.add(key);
    }
  }
  return found.size;
}
