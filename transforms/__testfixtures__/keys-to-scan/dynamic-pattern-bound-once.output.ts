import { Redis } from "ioredis";

declare function patternFor(scope: string): string;

const primary = new Redis();
const replica = new Redis({ port: 6380 });

function pick(readOnly: boolean) {
  return readOnly ? replica : primary;
}

export async function purge(scope: string): Promise<void> {
  const client = pick(false);
  const pattern = patternFor(scope);
  let cursor = "0";
  do {
    const [nextCursor, batch] = await client.scan(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = nextCursor;
    if (batch.length) await primary.del(...batch);
  } while (cursor !== "0");
}

export async function names(scope: string): Promise<string[]> {
  const client = pick(true);
  const pattern = patternFor(scope);
  const found = new Set<string>(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await client.scan(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = nextCursor;
    for (const key of batch) found.add(key);
  } while (cursor !== "0");
  return ([...found]).sort();
}
