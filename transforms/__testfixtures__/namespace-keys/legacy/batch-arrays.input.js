'use strict';

var redis = require('redis');
var client = redis.createClient();

exports.finish = function (jobId, cb) {
  client.multi([['set', 'job:' + jobId + ':state', 'done'], ['lpush', 'jobs:done', jobId]]).exec(cb);
};

exports.state = function (jobId, cb) {
  client.batch([['get', 'job:' + jobId + ':state']]).exec(cb);
};
