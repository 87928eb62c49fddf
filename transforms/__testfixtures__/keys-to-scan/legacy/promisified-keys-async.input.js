'use strict';

var redis = require('redis');
var promisify = require('util').promisify;
var bluebird = require('bluebird');

var client = redis.createClient();
var keysAsync = promisify(client.keys).bind(client);
var getAsync = promisify(client.get).bind(client);

bluebird.promisifyAll(client);

async function status() {
  var keys = await keysAsync('job:*:result');
  var beat = await getAsync('worker:heartbeat');
  return { finished: keys.length, lastHeartbeat: Number(beat) || null };
}

async function queued() {
  return (await client.keysAsync('job:*:queued')).length;
}

module.exports = { status: status, queued: queued };
