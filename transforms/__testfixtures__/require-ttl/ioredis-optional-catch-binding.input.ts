import Redis from "ioredis";

const redis = new Redis();

export async function remember(id: string, value: string) {
  try {
    await redis.set(`memo:${id}`, value);
  } catch {
    const fallback = `memo:${id}:failed`;
    await redis.set(fallback, "1");
  }
}
