'use strict';

var redis = require('redis');
var client = redis.createClient();

function savePair(id, left, right, cb) {
  client.multi().mset('pair:' + id + ':left', left, 'pair:' + id + ':right', right)
    .expire('pair:' + id + ':left', 3600)
    .expire('pair:' + id + ':right', 3600)
    .exec(function (err) {
      cb(err);
    });
}

function savePairReply(id, left, right, cb) {
  client.mset('pair:' + id + ':left', left, 'pair:' + id + ':right', right, function (err, reply) {
    cb(err, reply);
  });
}

function savePairNoCallback(id, left) {
  client.multi().mset('solo:' + id, left).expire('solo:' + id, 3600).exec();
}

module.exports = { savePair, savePairReply, savePairNoCallback };
