import { createClient } from 'redis';

export async function handler(event) {
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  const seen = await client.sIsMember('seen', event.id);
  if (!seen) await client.sAdd('seen', event.id);
  await client.close();
  return { duplicate: Boolean(seen) };
}
