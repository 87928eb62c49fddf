import { createClient } from "redis";

const client = createClient();

export async function clearCache(): Promise<void> {
  const keys = await client.keys("cache:*");
  if (keys.length !== 0) await client.del(keys);
}
