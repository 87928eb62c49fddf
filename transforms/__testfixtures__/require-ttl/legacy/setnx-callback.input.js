'use strict';

var redis = require('redis');
var client = redis.createClient();

function acquireLock(name, owner, done) {
  client.setnx('lock:' + name, owner, function (err, ok) {
    if (err) return done(err);
    done(null, ok === 1);
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
