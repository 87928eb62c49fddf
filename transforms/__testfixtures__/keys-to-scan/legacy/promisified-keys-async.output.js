'use strict';

var redis = require('redis');
var promisify = require('util').promisify;
var bluebird = require('bluebird');

var client = redis.createClient();
var getAsync = promisify(client.get).bind(client);

bluebird.promisifyAll(client);

async function status() {
  var keys = await scanKeys(function (cursor, callback) {
    client.scan(cursor, 'MATCH', 'job:*:result', 'COUNT', 500, callback);
  });
  var beat = await getAsync('worker:heartbeat');
  return { finished: keys.length, lastHeartbeat: Number(beat) || null };
}

async function queued() {
  return (await scanKeys(function (cursor, callback) {
    client.scan(cursor, 'MATCH', 'job:*:queued', 'COUNT', 500, callback);
  })).length;
}

module.exports = { status: status, queued: queued };

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
