const Redis = require("ioredis");

const { redis } = require("./src/redis/client");

async function loadCart(redis, userId) {
  const [raw, items] = await Promise.all([redis.get(`cart:${userId}`), redis.hgetall(`cart:${userId}:items`)]);
  return { meta: raw ? JSON.parse(raw) : null, items };
}

function closeQuietly(client) {
  client.quit().catch(() => {});
}

exports.show = async (req, res) => {
  res.json(await loadCart(redis, req.params.userId));
};

exports.showLegacy = async (req, res) => {
  const r = new Redis(process.env.REDIS_URL);
  res.json(await loadCart(r, req.params.userId));
  closeQuietly(r);
};
