'use strict'

const redis = require('./redis')

async function stats(req, res, next) {
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
}

module.exports = { stats }
