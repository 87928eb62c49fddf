const Redis = require("ioredis");

const redis = new Redis(process.env.REDIS_URL);

async function reindexUsers(index) {
  const started = Date.now();
  let count = 0;
  const seen = new Set(); // SCAN may return a key more than once
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", `user:${index.tenant}:*`, "COUNT", 500);
    cursor = nextCursor;
    const fresh = batch.filter((key2) => !seen.has(key2));
    for (const key2 of fresh) seen.add(key2);
    for (const key of fresh) {
      const user = JSON.parse(await redis.get(key));
      index.add(user);
      count += 1;
    }
  } while (cursor !== "0");
  return { count, ms: Date.now() - started };
}

module.exports = { reindexUsers };
