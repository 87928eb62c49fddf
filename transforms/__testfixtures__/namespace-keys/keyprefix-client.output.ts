import { Redis } from "ioredis";
import { key } from "./redis/key";

const tenant = new Redis({ keyPrefix: "tenant-a:" });
const shared = new Redis();

export async function load(id: string): Promise<Array<string | null>> {
  return [await tenant.get(`user:${id}`), await shared.get(key("user", id))];
}
