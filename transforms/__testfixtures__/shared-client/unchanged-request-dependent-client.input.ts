import express from "express";
import { Redis } from "ioredis";
import { createClient } from "redis";

const app = express();

// Each tenant has its own Redis; the URL comes with the request.
app.get("/t/:tenant/config", async (req, res) => {
  const tenantRedis = new Redis(`redis://${req.params.tenant}.redis.internal:6379`);
  res.json(await tenantRedis.hgetall("config"));
  await tenantRedis.quit();
});

app.get("/db/:n", async (req, res) => {
  const database = Number(req.params.n);
  const client = createClient({ url: process.env.REDIS_URL, database });
  await client.connect();
  res.json(await client.dbSize());
  await client.quit();
});
