'use strict';

var redis = require('redis');
var promisify = require('util').promisify;
var client = redis.createClient();
var setAsync = promisify(client.set).bind(client);

async function saveStatus(status) {
  await setAsync('worker:status', status);
  await setAsync('worker:status:ttl', status, 'EX', 60);
}

module.exports = { saveStatus };
