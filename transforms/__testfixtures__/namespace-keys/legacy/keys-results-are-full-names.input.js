'use strict';

var promisify = require('util').promisify;
var client = require('redis').createClient();
var keysAsync = promisify(client.keys).bind(client);

exports.list = function (cb) {
  client.keys('job:*', function (err, keys) {
    if (err) return cb(err);
    client.mget(keys, cb);
  });
};

exports.drop = function () {
  return keysAsync('tmp:*').then(function (keys) {
    keys.forEach(function (k) {
      client.del(k);
    });
  });
};
