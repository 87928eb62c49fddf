const { redis, redisReports, redisReportsReady } = require('./src/redis/client')
;['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, () => process.exit(0)))

exports.get = async (req, res) => {
  const v = await redis.get(`page:${req.params.id}`)
  ;[v].forEach((x) => res.write(String(x)))
  res.end()
}

exports.reports = async (req, res) => {
  await redisReportsReady
  // the ten latest
  ;(await redisReports.lRange('reports', 0, 9)).forEach((r) => res.write(r))
  res.end()
}

exports.count = async (req, res) => {
  await redisReportsReady
  // how many there are
  res.json({ n: await redisReports.lLen('reports') })
}

exports.labels = async function (req, res) {
  const label = String(req.query.label)
  const store = redis
  ;`${label}`.split(',').forEach((k) => res.write(k))
  res.end(await store.get('labels'))
}

module.exports.health = function health () {
  return async function (ctx) {
    ctx.body = { redis: await redis.ping() }
  }
}
