import express from "express";
import { Redis } from "ioredis";

const redis = new Redis(process.env.ANALYTICS_REDIS_URL!);
const app = express();

app.get("/stats", async (req, res) => {
  const counts = new Map<string, number>();
  for (const page of String(req.query.pages ?? "").split(",")) {
    counts.set(page, Number(await redis.get(`views:${page}`)));
  }
  const headers = new Headers();
  headers.set("x-pages", String(counts.size));
  res.json(Object.fromEntries(counts));
});
