import { Redis } from "ioredis";

const tenant = new Redis({ keyPrefix: "tenant-a:" });
const shared = new Redis();

export async function load(id: string): Promise<Array<string | null>> {
  return [await tenant.get(`user:${id}`), await shared.get(`user:${id}`)];
}
