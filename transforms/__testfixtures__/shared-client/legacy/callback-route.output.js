'use strict';

const { redis } = require('./src/redis/client');

function getUser(req, res, next) {
  redis.hgetall('user:' + req.params.id, function (err, user) {
    if (err) return next(err);
    res.json(user || {});
  });
}

function touchUser(req, res) {
  redis.expire('user:' + req.params.id, 3600, function () {
    res.sendStatus(204);
  });
}

module.exports = { getUser: getUser, touchUser: touchUser };
