import { Redis } from "ioredis";

const redis = new Redis();

// `pattern` is a glob on purpose: listFlags("checkout-*")
export async function listFlags(pattern = "*"): Promise<string[]> {
  return redis.keys("flag:" + pattern);
}

export async function userSessions(userId: string): Promise<string[]> {
  return redis.keys(`session:${userId}:*`);
}

export async function reports(day: string, shard: number): Promise<string[]> {
  return redis.keys(`report:daily-${day}:${shard}`);
}

export async function orders(req: { params: { id: string; status: string } }): Promise<string[]> {
  const [, found] = await redis.scan("0", "MATCH", `order:${req.params.id}:${req.params.status}`, "COUNT", 500);
  return found;
}
