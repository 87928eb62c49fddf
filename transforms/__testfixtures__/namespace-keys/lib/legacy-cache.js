// Support module for the CommonJS wrapper case (not a case itself).
'use strict'

const redis = require('./redis')

function cached (k, load) {
  return redis.get(k).then((hit) => hit !== null ? hit : load())
}

module.exports = {
  cached,
  drop (k) {
    return redis.del(k)
  }
}

module.exports.expireSoon = function (k) {
  return redis.expire(k, 60)
}
