const Redis = require('ioredis')
const { promisify } = require('util');

const redis = new Redis()
const pause = promisify(setTimeout)

module.exports = function limit () {
  return async function (ctx, next) {
    await redis.incr(`rl:${ctx.ip}`)
    await pause(1)
    await next()
  }
}
