'use strict';

var redis = require('redis');
const { key } = require('../redis/key');
var client = redis.createClient();

exports.finish = function (jobId, cb) {
  client.multi([['set', key('job', jobId, 'state'), 'done'], ['lpush', key('jobs', 'done'), jobId]]).exec(cb);
};

exports.state = function (jobId, cb) {
  client.batch([['get', key('job', jobId, 'state')]]).exec(cb);
};
