const Redis = require('ioredis')
const { createClient } = require('redis')
;['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, () => process.exit(0)))

exports.get = async (req, res) => {
  const client = new Redis(process.env.REDIS_URL)
  const v = await client.get(`page:${req.params.id}`)
  await client.quit()
  ;[v].forEach((x) => res.write(String(x)))
  res.end()
}

exports.reports = async (req, res) => {
  const client = createClient({ url: process.env.REPORTS_REDIS_URL })
  await client.connect()
  // the ten latest
  ;(await client.lRange('reports', 0, 9)).forEach((r) => res.write(r))
  await client.quit()
  res.end()
}

exports.count = async (req, res) => {
  const client = createClient({ url: process.env.REPORTS_REDIS_URL })
  await client.connect()
  // how many there are
  res.json({ n: await client.lLen('reports') })
  await client.quit()
}

exports.labels = async function (req, res) {
  const label = String(req.query.label)
  const store = new Redis(process.env.REDIS_URL)
  try {
    ;`${label}`.split(',').forEach((k) => res.write(k))
    res.end(await store.get('labels'))
  } finally {
    await store.quit()
  }
}

module.exports.health = function health () {
  return async function (ctx) {
    const r = new Redis(process.env.REDIS_URL)
    ctx.body = { redis: await r.ping() }
    r.disconnect()
  }
}
