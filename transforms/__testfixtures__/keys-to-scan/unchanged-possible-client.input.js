const Redis = require('ioredis');
const { store } = require('./container');

const redis = new Redis();

async function staleCarts(cache) {
  const carts = await cache.keys('cart:*');
  const redisStore = store.get('redis');
  await redis.ping();
  return carts.concat(await redisStore.keys('legacy:cart:*'));
}

module.exports = { staleCarts };
