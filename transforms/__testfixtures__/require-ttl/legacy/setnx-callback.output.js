'use strict';

var redis = require('redis');
var client = redis.createClient();

function acquireLock(name, owner, done) {
  client.set('lock:' + name, owner, 'EX', 30, 'NX', function (err, ok) {
    if (err) return done(err);
    done(null, ok === 'OK');
  });
}

function claimSlot(slot, owner, done) {
  client.setnx('slot:' + slot, owner, function (err, claimed) {
    if (err) return done(err);
    done(null, claimed);
  });
}

function claimQuietly(slot, owner, done) {
  client.setnx('quiet:' + slot, owner, done);
}

module.exports = { acquireLock, claimSlot, claimQuietly };
