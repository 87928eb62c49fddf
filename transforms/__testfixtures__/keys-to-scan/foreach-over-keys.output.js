const redis = require('./redis');

const MAX_AGE_MS = 2 * 60 * 60 * 1000;

async function sweepTempKeys() {
  const now = Date.now();
  const stale = [];
  // temp keys carry their creation time as the last segment
  const seen = new Set(); // SCAN may return a key more than once
  let cursor = '0';
  do {
    const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', 'tmp:*', 'COUNT', 500);
    cursor = nextCursor;
    const fresh = batch.filter((key) => !seen.has(key));
    for (const key of fresh) seen.add(key);
    fresh.forEach((k) => {
      const stamp = Number(k.split(':').pop());
      if (Number.isFinite(stamp) && now - stamp > MAX_AGE_MS) {
        stale.push(k);
      }
    });
  } while (cursor !== '0');
  if (stale.length) {
    await redis.unlink(...stale);
  }
  return stale.length;
}

module.exports = { sweepTempKeys };
