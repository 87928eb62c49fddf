import { createClient } from "redis";

const client = createClient();

export async function clearCache() {
  const keys = await client.keys("cache:*");
  if (keys.length) await client.del(...keys);
}
