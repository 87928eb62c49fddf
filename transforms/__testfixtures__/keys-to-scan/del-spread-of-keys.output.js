'use strict'

const express = require('express')
const Redis = require('ioredis')

const redis = new Redis()
const router = express.Router()

// ops asked for this after the price import incident (OPS-412)
router.post('/cache/flush', async (req, res, next) => {
  try {
    let cursor = '0'
    do {
      const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', 'cache:*', 'COUNT', 500)
      cursor = nextCursor
      if (batch.length) {
        await redis.del(...batch)
      }
    } while (cursor !== '0')
    res.json({ ok: true })
  } catch (err) {
    next(err)
  }
})

router.post('/drafts/flush', async (req, res) => {
  // no guard: KEYS never matched nothing here
  let cursor = '0'
  do {
    const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', 'draft:' + req.query.shop + ':*', 'COUNT', 500)
    cursor = nextCursor
    if (batch.length) await redis.unlink(...batch)
  } while (cursor !== '0')
  res.sendStatus(204)
})

module.exports = router
