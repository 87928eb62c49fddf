import { redisCache } from "./src/redis/client.js";

interface ApiEvent {
  pathParameters: { id: string };
}

export const handler = async (event: ApiEvent) => {
  const cached = await redisCache.get(`render:${event.pathParameters.id}`);
  return { statusCode: cached ? 200 : 404, body: cached ?? "" };
};
