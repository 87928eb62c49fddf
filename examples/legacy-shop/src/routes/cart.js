"use strict";

const express = require("express");
const Redis = require("ioredis");

const router = express.Router();

function toCartResponse(userId, meta, items) {
  const lines = Object.entries(items || {}).map(([sku, qty]) => ({
    sku,
    qty: Number(qty),
  }));
  return {
    userId,
    currency: (meta && meta.currency) || "EUR",
    updatedAt: meta ? meta.updatedAt : null,
    lines,
    totalItems: lines.reduce((n, l) => n + l.qty, 0),
  };
}

router.get("/:userId", async (req, res, next) => {
  const r = new Redis(process.env.REDIS_URL);
  const { userId } = req.params;
  try {
    const raw = await r.get(`cart:${userId}`);
    const items = await r.hgetall("cart:" + userId + ":items");
    res.json(toCartResponse(userId, raw ? JSON.parse(raw) : null, items));
  } catch (err) {
    next(err);
  } finally {
    await r.quit();
  }
});

router.post("/:userId/items", async (req, res, next) => {
  const { userId } = req.params;
  const { sku, qty = 1, currency } = req.body || {};
  if (!sku) {
    return res.status(400).json({ error: "sku is required" });
  }

  const r = new Redis(process.env.REDIS_URL);
  try {
    const count = await r.hincrby("cart:" + userId + ":items", sku, Number(qty));
    await r.set(
      `cart:${userId}`,
      JSON.stringify({ currency: currency || "EUR", updatedAt: Date.now() })
    );
    res.status(201).json({ sku, qty: count });
  } catch (err) {
    next(err);
  } finally {
    await r.quit();
  }
});

router.put("/:userId/coupon", async (req, res) => {
  const r = new Redis(process.env.REDIS_URL);
  const code = String(req.body.code || "").trim().toUpperCase();
  await r.set(`cart:${req.params.userId}:coupon`, code);
  await r.quit();
  res.json({ ok: true, code });
});

router.delete("/:userId", async (req, res, next) => {
  const r = new Redis(process.env.REDIS_URL);
  try {
    await r.del(
      "cart:" + req.params.userId,
      "cart:" + req.params.userId + ":items",
      "cart:" + req.params.userId + ":coupon"
    );
    res.sendStatus(204);
  } catch (err) {
    next(err);
  } finally {
    await r.quit();
  }
});

module.exports = router;
