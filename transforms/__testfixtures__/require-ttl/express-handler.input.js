'use strict';

const express = require('express');
const redis = require('./lib/shared-client');

const router = express.Router();

router.put('/:userId/coupon', async (req, res) => {
  const code = String(req.body.code || '').trim().toUpperCase();
  await redis.set(`cart:${req.params.userId}:coupon`, code);
  res.set('X-Coupon', code);
  res.json({ ok: true, code });
});

module.exports = router;
