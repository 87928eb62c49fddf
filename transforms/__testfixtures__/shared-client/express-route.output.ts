import express from "express";
import { redis } from "./src/redis/client.js";

const router = express.Router();

interface CartLine {
  sku: string;
  qty: number;
}

// GET /cart/:userId — the cart lines of one user
router.get("/cart/:userId", async (req, res, next) => {
  try {
    const items = await redis.hgetall(`cart:${req.params.userId}:items`);
    const lines: CartLine[] = Object.entries(items).map(([sku, qty]) => ({ sku, qty: Number(qty) }));
    res.json({ userId: req.params.userId, lines });
  } catch (err) {
    next(err);
  }
});

router.post("/cart/:userId/items", async (req, res) => {
  const qty = await redis.hincrby(`cart:${req.params.userId}:items`, String(req.body.sku), 1);
  res.status(201).json({ qty });
});

export default router;
