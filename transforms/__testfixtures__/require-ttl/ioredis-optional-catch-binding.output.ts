import Redis from "ioredis";

const redis = new Redis();

export async function remember(id: string, value: string) {
  try {
    await redis.set(`memo:${id}`, value, "EX", 3600);
  } catch {
    const fallback = `memo:${id}:failed`;
    await redis.set(fallback, "1", "EX", 3600);
  }
}
