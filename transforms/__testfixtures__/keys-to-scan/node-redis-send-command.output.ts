import { createClient } from "redis";

const client = createClient();

export async function auditKeys(log: (key: string) => void): Promise<number> {
  const seen = new Set<string>(); // SCAN may return a key more than once
  for await (const batch2 of client.scanIterator({ MATCH: "audit:*", COUNT: 500 })) {
    const fresh = batch2.filter((key3) => !seen.has(key3));
    for (const key3 of fresh) seen.add(key3);
    fresh.forEach((key) => log(key));
  }
  const found = new Set<string>(); // SCAN may return a key more than once
  for await (const batch of client.scanIterator({ MATCH: "audit:archived:*", COUNT: 500 })) {
    for (const key2 of batch) found.add(key2);
  }
  return ([...found] as string[]).length;
}
