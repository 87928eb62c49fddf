import { createCluster } from "redis";

const cluster = createCluster({ rootNodes: [{ url: "redis://redis-0:6379" }] });

export async function tenantKeys(tenant: string): Promise<string[]> {
  return (async () => {
    const found = new Set<string>(); // SCAN may return a key more than once
    for (const master of cluster.masters) {
      const node = await cluster.nodeClient(master);
      for await (const batch of node.scanIterator({ MATCH: `tenant:${tenant}:*`, COUNT: 500 })) {
        for (const key of batch) found.add(key);
      }
    }
    return [...found];
  })();
}

export async function dropTenant(tenant: string): Promise<void> {
  for (const master of cluster.masters) {
    const node = await cluster.nodeClient(master);
    for await (const batch of node.scanIterator({ MATCH: `tenant:${tenant}:*`, COUNT: 500 })) {
      if (batch.length) await cluster.del(batch);
    }
  }
}
