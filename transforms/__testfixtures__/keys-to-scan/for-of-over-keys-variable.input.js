const Redis = require("ioredis");

const redis = new Redis(process.env.REDIS_URL);

async function reindexUsers(index) {
  const keys = await redis.keys(`user:${index.tenant}:*`);
  const started = Date.now();
  let count = 0;
  for (const key of keys) {
    const user = JSON.parse(await redis.get(key));
    index.add(user);
    count += 1;
  }
  return { count, ms: Date.now() - started };
}

module.exports = { reindexUsers };
