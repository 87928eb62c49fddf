"use strict";

const express = require("express");
const { redis } = require("./src/redis/client");

const router = express.Router();

router.get("/:userId", async (req, res, next) => {
  const { userId } = req.params;
  try {
    const raw = await redis.get(`cart:${userId}`);
    res.json(raw ? JSON.parse(raw) : { userId, lines: [] });
  } catch (err) {
    next(err);
  }
});

router.put("/:userId/coupon", async (req, res) => {
  const code = String(req.body.code || "").trim().toUpperCase();
  await redis.set(`cart:${req.params.userId}:coupon`, code);
  res.json({ ok: true, code });
});

module.exports = router;
