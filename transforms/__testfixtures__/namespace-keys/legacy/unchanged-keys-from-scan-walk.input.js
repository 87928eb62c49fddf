'use strict';

var client = require('redis').createClient();
const { keyPattern, glob } = require('../redis/key');

exports.list = function (cb) {
  scanKeys(function (cursor, callback) {
    client.scan(cursor, 'MATCH', keyPattern('job', glob('*')), 'COUNT', 500, callback);
  }, function (err, keys) {
    if (err) return cb(err);
    client.mget(keys, cb);
  });
};

exports.drop = async function () {
  var keys = await scanKeys(function (cursor, callback) {
    client.scan(cursor, 'MATCH', keyPattern('tmp', glob('*')), 'COUNT', 500, callback);
  });
  keys.forEach(function (k) {
    client.del(k);
  });
};

exports.count = function () {
  return scanKeys(function (cursor, callback) {
    client.scan(cursor, 'MATCH', keyPattern('job', glob('*')), 'COUNT', 500, callback);
  }).then(function (keys) {
    return keys.map(function (k) {
      return client.ttl(k);
    });
  });
};

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
  var found = new Set();
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
