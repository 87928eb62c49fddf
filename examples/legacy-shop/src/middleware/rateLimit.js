"use strict";

const Redis = require("ioredis");

const DEFAULT_WINDOW = 60;
const DEFAULT_MAX = 100;

function clientId(req) {
  const apiKey = req.get("x-api-key");
  return apiKey ? "key:" + apiKey : "ip:" + req.ip;
}

module.exports = function rateLimit(options = {}) {
  const windowSeconds = options.windowSeconds || DEFAULT_WINDOW;
  const max = options.max || DEFAULT_MAX;
  const skip = options.skip || (() => false);

  return async function rateLimitMiddleware(req, res, next) {
    if (skip(req)) return next();

    const redis = new Redis();
    try {
      const bucket = `ratelimit:${clientId(req)}`;
      const hits = await redis.incr(bucket);
      if (hits === 1) {
        await redis.expire(bucket, windowSeconds);
      }

      res.set("X-RateLimit-Limit", String(max));
      res.set("X-RateLimit-Remaining", String(Math.max(0, max - hits)));

      if (hits > max) {
        const ttl = await redis.ttl(bucket);
        res.set("Retry-After", String(ttl > 0 ? ttl : windowSeconds));
        return res.status(429).json({ error: "too many requests" });
      }
      next();
    } catch (err) {
      // never block traffic because the limiter is down
      console.warn("rate limiter unavailable: %s", err.message);
      next();
    } finally {
      redis.disconnect();
    }
  };
};
