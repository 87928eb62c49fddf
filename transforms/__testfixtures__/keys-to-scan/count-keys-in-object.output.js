'use strict'

const redis = require('./redis')

async function stats(req, res, next) {
  try {
    const info = await redis.info('memory')
    const match = /used_memory_human:(\S+)/.exec(info)
    const found = new Set() // SCAN may return a key more than once
    let cursor = '0'
    do {
      const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', 'session:*', 'COUNT', 500)
      cursor = nextCursor
      for (const key of batch) found.add(key)
    } while (cursor !== '0')
    res.json({
      sessions: found.size,
      usedMemory: match ? match[1] : null,
      uptime: Math.round(process.uptime()),
    })
  } catch (err) {
    next(err)
  }
}

module.exports = { stats }
