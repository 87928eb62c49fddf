"use strict";

const Redis = require("ioredis");

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

// One connection for the whole API process. Reconnects are handled by ioredis;
// we only log here so the on-call can see flapping in the dashboards.
const redis = new Redis(REDIS_URL, {
  maxRetriesPerRequest: 3,
  enableReadyCheck: true,
  connectionName: "shop-api",
  retryStrategy(times) {
    return Math.min(times * 200, 5000);
  },
});

let lastErrorAt = 0;

redis.on("error", (err) => {
  const now = Date.now();
  if (now - lastErrorAt > 10000) {
    console.error("[redis] %s", err.message);
    lastErrorAt = now;
  }
});

redis.on("ready", () => {
  console.log("[redis] ready (%s)", REDIS_URL.replace(/\/\/[^@]*@/, "//***@"));
});

function shutdown(signal) {
  console.log("[redis] %s received, closing connection", signal);
  redis
    .quit()
    .catch(() => redis.disconnect())
    .finally(() => process.exit(0));
}

process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);

module.exports = redis;
