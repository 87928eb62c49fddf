import { Redis } from "ioredis";

const redis = new Redis();

export async function claimJob(jobId: string, worker: string): Promise<boolean> {
  // a lock: the key says so, and NX makes it one
  const lock = await redis.set(`lock:job:${jobId}`, worker, "NX");
  return lock === "OK";
}

export async function firstVisit(userId: string): Promise<boolean> {
  return (await redis.set(`first-visit:${userId}`, "1", "NX")) === "OK";
}

export async function swapToken(userId: string, token: string): Promise<string | null> {
  return redis.set(`token:${userId}`, token, "GET");
}

export async function refreshMutex(name: string, owner: string): Promise<string | null> {
  const mutexKey = `mutex:${name}`;
  return redis.set(mutexKey, owner, "NX", "GET");
}

export async function replaceIfPresent(key: string, value: string): Promise<"OK" | null> {
  return redis.set(key, value, "XX");
}
