'use strict';

var redis = require('redis');

function getUser(req, res, next) {
  var client = redis.createClient(process.env.REDIS_URL);
  client.on('error', function (err) { console.error('redis', err); });
  client.hgetall('user:' + req.params.id, function (err, user) {
    client.quit();
    if (err) return next(err);
    res.json(user || {});
  });
}

function touchUser(req, res) {
  var client = redis.createClient(process.env.REDIS_URL);
  client.expire('user:' + req.params.id, 3600, function () {
    client.end(true);
    res.sendStatus(204);
  });
}

module.exports = { getUser: getUser, touchUser: touchUser };
