import express from "express";
import { Redis } from "ioredis";

const app = express();

declare function archive(client: Redis, day: string): Promise<void>;

app.post("/warmup", async (_req, res) => {
  for (const shard of ["a", "b", "c"]) {
    const r = new Redis(process.env.REDIS_URL!);
    await r.set(`warm:${shard}`, "1");
    await r.quit();
  }
  res.sendStatus(204);
});

app.post("/archive/:day", async (req, res) => {
  const client = new Redis(process.env.REDIS_URL!);
  await archive(client, req.params.day);
  res.sendStatus(202);
});

app.get("/health", async (_req, res) => {
  const probe = new Redis(process.env.REDIS_URL!);
  const pong = await probe.ping();
  res.json({ pong });
  return probe.quit();
});
