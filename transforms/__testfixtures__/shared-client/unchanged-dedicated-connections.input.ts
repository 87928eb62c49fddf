import express from "express";
import { Redis } from "ioredis";
import { createClient } from "redis";

const app = express();
const redis = new Redis(process.env.REDIS_URL!);

// Long-polling: BLPOP holds its connection until a job arrives or the timeout hits.
app.get("/jobs/next", async (_req, res) => {
  const blocking = new Redis(process.env.REDIS_URL!);
  const job = await blocking.blpop("jobs", 25);
  blocking.disconnect();
  res.json(job);
});

app.get("/events", async (req, res) => {
  const sub = redis.duplicate();
  await sub.subscribe("events");
  sub.on("message", (_channel, message) => res.write(`data: ${message}\n\n`));
  req.on("close", () => sub.disconnect());
});

app.get("/stream/:name", async (req, res) => {
  const reader = createClient({ url: process.env.REDIS_URL });
  await reader.connect();
  const entries = await reader.xRead({ key: req.params.name, id: "$" }, { BLOCK: 5000 });
  await reader.quit();
  res.json(entries);
});

app.post("/counter/:db", async (req, res) => {
  const selected = new Redis(process.env.REDIS_URL!);
  await selected.select(3);
  res.json(await selected.incr(`counter:${req.params.db}`));
  await selected.quit();
});
