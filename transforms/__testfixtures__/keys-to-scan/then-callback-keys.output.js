const redis = require('./redis')

function listLocks(req, res, next) {
  (async () => {
    const found = new Set() // SCAN may return a key more than once
    let cursor = '0'
    do {
      const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', 'lock:*', 'COUNT', 500)
      cursor = nextCursor
      for (const key of batch) found.add(key)
    } while (cursor !== '0')
    return [...found]
  })()
    .then((keys) => {
      res.json({ count: keys.length, locks: keys.sort() })
    })
    .catch(next)
}

function logExports() {
  const started = Date.now()
  ;(async () => {
    const found = new Set() // SCAN may return a key more than once
    let cursor = '0'
    do {
      const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', 'export:*', 'COUNT', 500)
      cursor = nextCursor
      for (const key of batch) found.add(key)
    } while (cursor !== '0')
    return [...found]
  })().then((keys) => console.log('%d exports, %dms', keys.length, Date.now() - started))
}

function pendingJobs() {
  return (async () => {
    const found = new Set() // SCAN may return a key more than once
    let cursor = '0'
    do {
      const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', 'job:*', 'COUNT', 500)
      cursor = nextCursor
      for (const key of batch) found.add(key)
    } while (cursor !== '0')
    return [...found]
  })()
}

module.exports = { listLocks, logExports, pendingJobs }
