'use strict';

var redis = require('redis');

// BLPOP needs its own connection: it blocks until a job arrives
var blocking = redis.createClient(process.env.REDIS_URL);
function loop() {
  blocking.blpop('jobs', 0, function (err, item) {
    if (!err) console.log(item);
    loop();
  });
}
loop();

var sub = redis.createClient(process.env.REDIS_URL);
sub.on('message', function (channel, message) {
  console.log(channel, message);
});
sub.subscribe('events');

var monitor = redis.createClient(process.env.REDIS_URL);
monitor.send_command('monitor', []);

// the publisher is an ordinary connection: it could be the shared client
var pub = redis.createClient(process.env.REDIS_URL);
exports.publish = function (message) {
  pub.publish('events', message);
};
