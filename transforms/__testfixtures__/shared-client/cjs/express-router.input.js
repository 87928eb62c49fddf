"use strict";

const express = require("express");
const Redis = require("ioredis");

const router = express.Router();

router.get("/:userId", async (req, res, next) => {
  const r = new Redis(process.env.REDIS_URL);
  const { userId } = req.params;
  try {
    const raw = await r.get(`cart:${userId}`);
    res.json(raw ? JSON.parse(raw) : { userId, lines: [] });
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

module.exports = router;
