import { redis, redisStock } from './src/redis/client.js'

export async function health () {
  const probe = redisStock
  const pong = await probe.ping()
  return { redisStock: pong }
}

export async function latest (req, res) {
  const ids = await redis.lRange('latest', 0, 9)
  ;(ids.length ? ids : ['none']).forEach((id) => res.write(id))
  res.end()
}
