'use strict';

var redis = require('redis');
var client = redis.createClient();

function heartbeat() {
  client.set('worker:heartbeat', Date.now());
}

function saveResult(jobId, result, cb) {
  client.set('job:' + jobId + ':result', JSON.stringify(result), function (err) {
    if (err) return cb(err);
    cb();
  });
}

function saveOnce(jobId, cb) {
  client.set('job:' + jobId + ':once', '1', 'NX', cb);
}

function asArray(jobId, cb) {
  client.set(['job:' + jobId + ':array', '1'], cb);
}

function viaSendCommand(jobId, cb) {
  client.send_command('set', ['job:' + jobId + ':raw', '1'], cb);
}

function alreadyExpiring(jobId, cb) {
  client.set('job:' + jobId + ':ttl', '1', 'EX', 60, cb);
  client.setex('job:' + jobId + ':ex', 60, '1', cb);
}

module.exports = { heartbeat, saveResult, saveOnce, asArray, viaSendCommand, alreadyExpiring };
