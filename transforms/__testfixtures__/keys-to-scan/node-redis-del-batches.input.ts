import { createClient } from "redis";

const client = createClient();

export async function clearCache(): Promise<void> {
  const keys = await client.keys("cache:*");
  if (keys.length) {
    await client.del(keys);
  }
}

export async function clearDrafts(): Promise<void> {
  await client.unlink(await client.keys("draft:*"));
}
