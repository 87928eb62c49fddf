'use strict';

var redis = require('redis');

module.exports = function latest(req, res) {
  var client = redis.createClient(process.env.REDIS_URL);
  client.lrange('news', 0, 9, function (err, items) {
    client.quit(function () {
      res.json(items || []);
    });
  });
};
