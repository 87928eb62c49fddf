const redis = require('./redis')

function listLocks(req, res, next) {
  redis
    .keys('lock:*')
    .then((keys) => {
      res.json({ count: keys.length, locks: keys.sort() })
    })
    .catch(next)
}

function logExports() {
  const started = Date.now()
  redis.keys('export:*').then((keys) => console.log('%d exports, %dms', keys.length, Date.now() - started))
}

function pendingJobs() {
  return redis.keys('job:*')
}

module.exports = { listLocks, logExports, pendingJobs }
