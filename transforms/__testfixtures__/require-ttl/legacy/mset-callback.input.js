'use strict';

var redis = require('redis');
var client = redis.createClient();

function savePair(id, left, right, cb) {
  client.mset('pair:' + id + ':left', left, 'pair:' + id + ':right', right, function (err) {
    cb(err);
  });
}

function savePairReply(id, left, right, cb) {
  client.mset('pair:' + id + ':left', left, 'pair:' + id + ':right', right, function (err, reply) {
    cb(err, reply);
  });
}

function savePairNoCallback(id, left) {
  client.mset('solo:' + id, left);
}

module.exports = { savePair, savePairReply, savePairNoCallback };
