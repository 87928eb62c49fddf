import express from "express";
import { Redis } from "ioredis";

const app = express();

const DEFAULT_URL = "redis://localhost:6379";
const REDIS_URL = process.env.REDIS_URL ?? DEFAULT_URL;
const OPTIONS = { connectTimeout: 2000, maxRetriesPerRequest: 1 };

async function loadProfile(userId: string): Promise<Record<string, string>> {
  const profileCache = new Redis(REDIS_URL, OPTIONS);
  const profile = await profileCache.hgetall(`profile:${userId}`);
  await profileCache.quit();
  return profile;
}

app.get("/profile/:id", async (req, res) => {
  res.json(await loadProfile(req.params.id));
});

export default app;
