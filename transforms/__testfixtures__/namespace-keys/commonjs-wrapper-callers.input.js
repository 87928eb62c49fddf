'use strict'

const { cached, drop: remove } = require('./lib/legacy-cache')
const legacy = require('./lib/legacy-cache')

exports.show = (id) => cached('post:' + id, () => 'none')
exports.clear = (id) => remove(`post:${id}`)
exports.soon = (id) => legacy.expireSoon('post:' + id)

exports.later = async (id) => {
  const { cached: lazily } = await import('./lib/legacy-cache.js')
  return lazily('post:' + id, () => 'none')
}

exports.gone = (id) => require('./lib/removed-cache').cached('post:' + id)
