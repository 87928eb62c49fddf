"use strict";

// Rate limiting per client, backed by the shared connection.
const redis = require("./lib/redis");
const { promisify } = require("util");

const sleep = promisify(setTimeout);

async function hit(clientId, windowSeconds) {
  const bucket = `ratelimit:${clientId}`;
  const hits = await redis.incr(bucket);
  if (hits === 1) await redis.expire(bucket, windowSeconds);
  await sleep(0);
  return hits;
}

module.exports = { hit };
