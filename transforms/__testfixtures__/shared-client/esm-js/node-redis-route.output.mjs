import { redis } from './src/redis/client.js';

export async function handler(event) {
  const seen = await redis.sIsMember('seen', event.id);
  if (!seen) await redis.sAdd('seen', event.id);
  return { duplicate: Boolean(seen) };
}
