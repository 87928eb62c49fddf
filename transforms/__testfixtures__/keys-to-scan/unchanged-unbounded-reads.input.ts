import { Redis } from "ioredis";

const redis = new Redis();

export async function cart(userId: string) {
  const items = await redis.hgetall(`cart:${userId}:items`);
  const tags = await redis.smembers(`cart:${userId}:tags`);
  const history = await redis.lrange(`cart:${userId}:history`, 0, -1);
  const ranking = await redis.zrange("ranking", "0", "-1", "WITHSCORES");
  const top = await redis.zrange("ranking", "0", "9");
  const recent = await redis.lrange(`cart:${userId}:history`, 0, 19);
  return { items, tags, history, ranking, top, recent };
}
