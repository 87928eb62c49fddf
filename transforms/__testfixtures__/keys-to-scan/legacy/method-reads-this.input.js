'use strict';

const redis = require('redis');

class Store {
  constructor(options) {
    this.client = redis.createClient(options);
    this.prefix = 'cache:';
  }

  clear(fn) {
    this.client.keys(`${this.prefix}*`, (err, keys) => {
      if (err) return fn(err);
      fn(null, keys.length);
    });
  }
}

module.exports = Store;
