'use strict';

var redis = require('redis');
var promisify = require('util').promisify;

var client = redis.createClient();
var keysAsync = promisify(client.keys).bind(client);

function finish(jobId, result, cb) {
  client.set('job:' + jobId + ':result', JSON.stringify(result), 'EX', 60, function (err) {
    if (err) return cb(err);
    client.del(['job:' + jobId, 'job:' + jobId + ':lock'], cb);
  });
}

function poll(cb) {
  client.keys('job:*', function (err, keys) {
    if (err) return cb(err);
    keys.forEach(function (k) {
      client.get(k, function () {});
    });
    cb(null, keys.length);
  });
}

function scanPage(cursor, cb) {
  client.scan(cursor, 'MATCH', 'job:*:result', 'COUNT', 500, cb);
}

async function status() {
  var keys = await keysAsync('job:*:result');
  return keys.length;
}

module.exports = { finish: finish, poll: poll, scanPage: scanPage, status: status };
