import { Redis } from "ioredis";

interface ApiEvent {
  pathParameters: { id: string };
}

export const handler = async (event: ApiEvent) => {
  const redis = new Redis(process.env.CACHE_REDIS_URL!);
  const cached = await redis.get(`render:${event.pathParameters.id}`);
  redis.disconnect();
  return { statusCode: cached ? 200 : 404, body: cached ?? "" };
};
