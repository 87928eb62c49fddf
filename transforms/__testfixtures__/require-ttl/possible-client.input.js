const Redis = require("ioredis");

const known = new Redis();

class Store {
  constructor(redisClient) {
    // injected, untyped: it may be a Redis client, but nothing proves it
    this.redisClient = redisClient;
  }

  save(k, v) {
    known.set("known:" + k, v);
    return this.redisClient.set(k, v);
  }

  claim(k) {
    return this.redisClient.setnx(k, "1");
  }

  saveExpiring(k, v) {
    return this.redisClient.set(k, v, "EX", 60);
  }
}

module.exports = { Store };
