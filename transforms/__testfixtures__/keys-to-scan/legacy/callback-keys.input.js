'use strict';

var redis = require('redis');

var client = redis.createClient();

function poll(onJob, cb) {
  client.keys('job:*', function (err, keys) {
    if (err) return cb(err);
    keys.forEach(onJob);
    cb(null, keys.length);
  });
}

module.exports = { poll: poll };
