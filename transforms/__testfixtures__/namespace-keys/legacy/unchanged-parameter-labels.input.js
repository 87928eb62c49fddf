'use strict';

var client = require('redis').createClient();

exports.getJson = function (cacheKey, cb) {
  client.get(cacheKey, cb);
};

module.exports.ttl = function ttlOf(k, cb) {
  client.ttl(k, cb);
};

var helpers = {
  touch: function (k) {
    client.expire(k, 60);
  }
};

helpers.touch(process.argv[2]);
