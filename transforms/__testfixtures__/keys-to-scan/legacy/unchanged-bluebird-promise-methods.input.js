var bluebird = require('bluebird');
var redis = require('redis');
bluebird.promisifyAll(redis.RedisClient.prototype);
var client = redis.createClient();

exports.sizes = function () {
  return client.keysAsync('job:*').map(function (k) {
    return client.strlenAsync(k);
  });
};
