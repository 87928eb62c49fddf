const redis = require('./redis');

const MAX_AGE_MS = 2 * 60 * 60 * 1000;

async function sweepTempKeys() {
  // temp keys carry their creation time as the last segment
  const keys = await redis.keys('tmp:*');
  const now = Date.now();
  const stale = [];
  keys.forEach((k) => {
    const stamp = Number(k.split(':').pop());
    if (Number.isFinite(stamp) && now - stamp > MAX_AGE_MS) {
      stale.push(k);
    }
  });
  if (stale.length) {
    await redis.unlink(...stale);
  }
  return stale.length;
}

module.exports = { sweepTempKeys };
