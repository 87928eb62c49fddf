"use strict";

// Rate limiting per client, backed by the shared connection.
const redis = require("./lib/redis");
const { promisify } = require("util");
const { key } = require("./redis/key");

const sleep = promisify(setTimeout);

async function hit(clientId, windowSeconds) {
  const bucket = key("ratelimit", clientId);
  const hits = await redis.incr(bucket);
  if (hits === 1) await redis.expire(bucket, windowSeconds);
  await sleep(0);
  return hits;
}

module.exports = { hit };
