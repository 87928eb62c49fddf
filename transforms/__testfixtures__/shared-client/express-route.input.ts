import express from "express";
import { Redis } from "ioredis";

const router = express.Router();

interface CartLine {
  sku: string;
  qty: number;
}

// GET /cart/:userId — the cart lines of one user
router.get("/cart/:userId", async (req, res, next) => {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    const items = await redis.hgetall(`cart:${req.params.userId}:items`);
    const lines: CartLine[] = Object.entries(items).map(([sku, qty]) => ({ sku, qty: Number(qty) }));
    res.json({ userId: req.params.userId, lines });
  } catch (err) {
    next(err);
  } finally {
    await redis.quit();
  }
});

router.post("/cart/:userId/items", async (req, res) => {
  const client = new Redis(process.env.REDIS_URL!);
  try {
    const qty = await client.hincrby(`cart:${req.params.userId}:items`, String(req.body.sku), 1);
    res.status(201).json({ qty });
  } finally {
    // always hand the connection back
    await client.quit();
  }
});

export default router;
