var redis = require('redis');

var client = redis.createClient();

function poll(cb) {
  var queued = client.keys('job:*', cb);
  var snapshot = client.multi().keys('job:*');
  return queued && snapshot;
}

module.exports = { poll: poll };
