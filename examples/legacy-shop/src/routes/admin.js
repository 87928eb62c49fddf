'use strict'

const express = require('express')
const redis = require('../redis')

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

router.get('/stats', async (req, res, next) => {
  try {
    const info = await redis.info('memory')
    const match = /used_memory_human:(\S+)/.exec(info)
    res.json({
      sessions: (await redis.keys('session:*')).length,
      usedMemory: match ? match[1] : null,
      uptime: Math.round(process.uptime()),
    })
  } catch (err) {
    next(err)
  }
})

router.get('/products/export', async (req, res, next) => {
  try {
    res.type('application/x-ndjson')
    for (const k of await redis.keys('product:*')) {
      const raw = await redis.get(k)
      if (!raw) continue
      const p = JSON.parse(raw)
      res.write(JSON.stringify({ id: p.id, sku: p.sku, price: p.price }) + '\n')
    }
    res.end()
  } catch (err) {
    next(err)
  }
})

router.get('/locks', (req, res, next) => {
  redis
    .keys('lock:*')
    .then((keys) => {
      res.json({ count: keys.length, locks: keys.sort() })
    })
    .catch(next)
})

router.delete('/locks/:name', async (req, res, next) => {
  try {
    const removed = await redis.del('lock:' + req.params.name)
    res.json({ removed })
  } catch (err) {
    next(err)
  }
})

module.exports = router
