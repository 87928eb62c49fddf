import express from "express";
import { Redis } from "ioredis";

const app = express();

function openRedis(): Redis {
  return new Redis(process.env.REDIS_URL!);
}

class CartStore {
  private readonly redis = new Redis(process.env.REDIS_URL!);
  count(userId: string) {
    return this.redis.hlen(`cart:${userId}:items`);
  }
  close() {
    return this.redis.quit();
  }
}

app.get("/cart/:id/size", async (req, res) => {
  const store = new CartStore();
  res.json({ size: await store.count(req.params.id) });
  await store.close();
});

app.get("/ping", async (_req, res) => {
  const redis = openRedis();
  res.json({ pong: await redis.ping() });
  await redis.quit();
});
