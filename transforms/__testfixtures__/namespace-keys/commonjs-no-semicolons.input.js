'use strict'

const express = require('express')
const redis = require('./lib/redis')

const router = express.Router()

router.delete('/locks/:name', async (req, res, next) => {
  try {
    const removed = await redis.del('lock:' + req.params.name)
    const left = (await redis.keys('lock:*')).length
    res.json({ removed, left })
  } catch (err) {
    next(err)
  }
})

module.exports = router
