import { Redis } from "ioredis";

declare function patternFor(scope: string): string;

const primary = new Redis();
const replica = new Redis({ port: 6380 });

function pick(readOnly: boolean) {
  return readOnly ? replica : primary;
}

export async function purge(scope: string): Promise<void> {
  const keys = await pick(false).keys(patternFor(scope));
  if (keys.length) await primary.del(...keys);
}

export async function names(scope: string): Promise<string[]> {
  return (await pick(true).keys(patternFor(scope))).sort();
}
