'use strict';

const redis = require('redis');

class Store {
  constructor(options) {
    this.client = redis.createClient(options);
    this.prefix = 'cache:';
  }

  clear(fn) {
    scanKeys((cursor, callback) => {
      this.client.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500, callback);
    }, (err, keys) => {
      if (err) return fn(err);
      fn(null, keys.length);
    });
  }
}

module.exports = Store;

/**
 * Every key of a SCAN walk, each once (SCAN may return a key more than once): the replacement
 * of KEYS, which blocks Redis while it reads the whole keyspace. `scanPage(cursor, cb)` sends
 * one SCAN; the keys go to `callback(err, keys)`, or to the returned promise without one.
 */
function scanKeys(scanPage, callback) {
  if (!callback) {
    return new Promise(function (resolve, reject) {
      scanKeys(scanPage, function (err, keys) {
        if (err) reject(err);
        else resolve(keys);
      });
    });
  }
  const found = new Set();
  function step(cursor) {
    scanPage(cursor, function (err, reply) {
      if (err) return callback(err);
      reply[1].forEach(function (key) {
        found.add(key);
      });
      if (String(reply[0]) === '0') return callback(null, Array.from(found));
      step(reply[0]);
    });
  }
  step('0');
}
