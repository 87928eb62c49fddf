"use strict";

const Redis = require("ioredis");

// the worker's own connection, opened once
const redis = new Redis(process.env.WORKER_REDIS_URL);

module.exports = {
  async heartbeat() {
    await redis.set("worker:heartbeat", Date.now());
  },
};
