import { createClient } from "redis";

const client = createClient();

export async function warm(load: (key: string) => Promise<void>): Promise<void> {
  for (const key of await client.keys("product:*")) {
    await load(key);
  }
}
