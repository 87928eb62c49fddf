'use strict';

var redis = require('redis');
var fs = require('fs');
var path = require('path');
var promisify = require('util').promisify;

var client = redis.createClient({
  host: process.env.REDIS_HOST || '127.0.0.1',
  port: Number(process.env.REDIS_PORT) || 6379,
  retry_strategy: function (options) {
    return Math.min(options.attempt * 500, 10000);
  }
});

var keysAsync = promisify(client.keys).bind(client);
var getAsync = promisify(client.get).bind(client);

var POLL_MS = 2000;
var EXPORT_DIR = process.env.EXPORT_DIR || '/tmp/shop-exports';

var handlers = {
  'order-export': function (payload, cb) {
    var file = path.join(EXPORT_DIR, 'orders-' + payload.date + '.json');
    fs.writeFile(file, JSON.stringify(payload.orders || []), function (err) {
      cb(err, { file: file });
    });
  },
  'welcome-email': function (payload, cb) {
    // mailer is still the cron on the old box; we only log here
    console.log('[worker] welcome mail queued for ' + payload.email);
    cb(null, { queued: true });
  }
};

client.on('error', function (err) {
  console.error('[worker] redis error: ' + err.message);
});

function heartbeat() {
  client.set('worker:heartbeat', Date.now());
}

function finish(jobId, result, cb) {
  client.set('job:' + jobId + ':result', JSON.stringify(result), 'EX', 60, function (err) {
    if (err) return cb(err);
    client.del('job:' + jobId, cb);
  });
}

function runJob(key, cb) {
  client.get(key, function (err, raw) {
    if (err || !raw) return cb(err);
    var job = JSON.parse(raw);
    var handler = handlers[job.type];
    if (!handler) {
      console.warn('[worker] no handler for ' + job.type);
      return cb();
    }
    handler(job.payload, function (err, result) {
      if (err) return cb(err);
      finish(job.id, result, cb);
    });
  });
}

function poll() {
  client.keys('job:*', function (err, keys) {
    if (err) {
      console.error('[worker] poll failed', err);
      return setTimeout(poll, POLL_MS);
    }
    var pending = keys.filter(function (k) {
      return k.split(':').length === 2;
    });
    var left = pending.length;
    if (!left) return setTimeout(poll, POLL_MS);
    pending.forEach(function (k) {
      runJob(k, function (err) {
        if (err) console.error('[worker] ' + k + ' failed', err);
        if (--left === 0) setTimeout(poll, POLL_MS);
      });
    });
  });
}

async function status() {
  var keys = await keysAsync('job:*:result');
  var beat = await getAsync('worker:heartbeat');
  return { finished: keys.length, lastHeartbeat: Number(beat) || null };
}

if (require.main === module) {
  setInterval(heartbeat, 5000);
  heartbeat();
  poll();
}

module.exports = { status: status, poll: poll };
