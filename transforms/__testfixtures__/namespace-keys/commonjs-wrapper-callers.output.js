'use strict'

const { cached, drop: remove } = require('./lib/legacy-cache')
const legacy = require('./lib/legacy-cache')
const { key } = require('./redis/key')

exports.show = (id) => cached(key('post', id), () => 'none')
exports.clear = (id) => remove(key('post', id))
exports.soon = (id) => legacy.expireSoon(key('post', id))

exports.later = async (id) => {
  const { cached: lazily } = await import('./lib/legacy-cache.js')
  return lazily('post:' + id, () => 'none')
}

exports.gone = (id) => require('./lib/removed-cache').cached('post:' + id)
