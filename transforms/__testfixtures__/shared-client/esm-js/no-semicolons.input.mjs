import Redis from 'ioredis'
import { createClient } from 'redis'

export async function health () {
  const probe = new Redis(process.env.STOCK_REDIS_URL, { connectionName: 'stock-api' })
  const pong = await probe.ping()
  await probe.quit()
  return { redisStock: pong }
}

export async function latest (req, res) {
  const client = createClient({ url: process.env.REDIS_URL })
  await client.connect()
  const ids = await client.lRange('latest', 0, 9)
  await client.quit()
  ;(ids.length ? ids : ['none']).forEach((id) => res.write(id))
  res.end()
}
