'use strict';

var promisify = require('util').promisify;
const { keyPattern, glob } = require('../redis/key');
var client = require('redis').createClient();
var keysAsync = promisify(client.keys).bind(client);

exports.list = function (cb) {
  client.keys(keyPattern('job', glob('*')), function (err, keys) {
    if (err) return cb(err);
    client.mget(keys, cb);
  });
};

exports.drop = function () {
  return keysAsync(keyPattern('tmp', glob('*'))).then(function (keys) {
    keys.forEach(function (k) {
      client.del(k);
    });
  });
};
