import { Redis } from "ioredis";
import { keyPattern, glob } from "./redis/key";

const redis = new Redis();

// `pattern` is a glob on purpose: listFlags("checkout-*")
export async function listFlags(pattern = "*"): Promise<string[]> {
  return redis.keys(keyPattern("flag", glob(pattern)));
}

export async function userSessions(userId: string): Promise<string[]> {
  return redis.keys(keyPattern("session", userId, glob("*")));
}

export async function reports(day: string, shard: number): Promise<string[]> {
  return redis.keys(keyPattern("report", glob(`daily-${day}`), shard));
}

export async function orders(req: { params: { id: string; status: string } }): Promise<string[]> {
  const [, found] = await redis.scan("0", "MATCH", keyPattern("order", req.params.id, glob(req.params.status)), "COUNT", 500);
  return found;
}
