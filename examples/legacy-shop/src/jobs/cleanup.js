const redis = require('../redis');

const EVERY_FIVE_MINUTES = 5 * 60 * 1000;
const MAX_TMP_AGE_MS = 2 * 60 * 60 * 1000;
const EXPORT_TTL = 24 * 60 * 60;

let timer = null;
let running = false;

async function sweepTempKeys() {
  const keys = await redis.keys('tmp:*');
  const now = Date.now();
  const stale = [];
  keys.forEach((k) => {
    const stamp = Number(k.split(':').pop());
    if (Number.isFinite(stamp) && now - stamp > MAX_TMP_AGE_MS) {
      stale.push(k);
    }
  });
  if (stale.length) {
    await redis.unlink(...stale);
  }
  return stale.length;
}

function tick() {
  if (running) return;
  running = true;

  sweepTempKeys()
    .then((removed) => {
      if (removed) console.log('[cleanup] removed %d tmp keys', removed);
    })
    .catch((err) => console.error('[cleanup] tmp sweep failed', err))
    .finally(() => {
      running = false;
    });

  redis.keys('export:*').then((keys) =>
    Promise.all(
      keys.map(async (k) => {
        const ttl = await redis.ttl(k);
        if (ttl === -1) await redis.expire(k, EXPORT_TTL);
      })
    )
  ).catch((err) => console.error('[cleanup] export check failed', err));
}

function start() {
  if (timer) return;
  timer = setInterval(tick, EVERY_FIVE_MINUTES);
  timer.unref();
  tick();
}

function stop() {
  clearInterval(timer);
  timer = null;
}

module.exports = { start, stop, sweepTempKeys };
