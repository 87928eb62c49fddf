import { redisVisitCounter } from "./src/redis/client.js";

export async function countVisit(page: string): Promise<number> {
  const visitCounter = redisVisitCounter;
  const n = await visitCounter.incr(`visits:${page}`);
  return n;
}
