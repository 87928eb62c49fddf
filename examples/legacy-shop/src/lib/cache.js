'use strict';

// Small helpers for HTTP caching and the in-process memo used by the
// product pages. Connection settings are kept here so the health page can
// show them.
const redis = { host: 'localhost', port: 6379 };

const memo = new Map();

function remember(key, value, ttlMs = 30000) {
  memo.set(key, { value, expires: Date.now() + ttlMs });
  return value;
}

function recall(key) {
  const hit = memo.get(key);
  if (!hit) return undefined;
  if (hit.expires < Date.now()) {
    memo.delete(key);
    return undefined;
  }
  return hit.value;
}

function forget(prefix) {
  for (const k of [...memo.keys()]) {
    if (k.startsWith(prefix)) memo.delete(k);
  }
}

class LruCache {
  constructor(max = 500) {
    this.max = max;
    this.items = new Map();
  }

  get(key) {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key);
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  set(key, value) {
    if (this.items.has(key)) this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.max) {
      this.items.delete(this.items.keys().next().value);
    }
    return this;
  }

  keys() {
    return Array.from(this.items.keys());
  }
}

const pages = new LruCache(1000);

function cachePage(productId, html) {
  remember(`product:${productId}`, html.length);
  pages.set('product:' + productId, html);
}

function cachedPageIds() {
  return pages.keys().map((k) => k.split(':')[1]);
}

function cacheHeaders(maxAge) {
  return (req, res, next) => {
    res.set('Cache-Control', `public, max-age=${maxAge}, stale-while-revalidate=30`);
    next();
  };
}

function applyHttpCaching(app) {
  app.set('trust proxy', 1);
  app.set('etag', 'strong');
}

function withCacheBuster(href, version) {
  const url = new URL(href);
  url.searchParams.set('v', version);
  return url.toString();
}

function cdnHeaders(extra = {}) {
  const headers = new Headers();
  headers.set('accept', 'application/json');
  for (const name of Object.keys(extra)) {
    headers.set(name, extra[name]);
  }
  return headers;
}

function describeBackend() {
  return `${redis.host}:${redis.port}`;
}

module.exports = {
  remember,
  recall,
  forget,
  LruCache,
  cachePage,
  cachedPageIds,
  cacheHeaders,
  applyHttpCaching,
  withCacheBuster,
  cdnHeaders,
  describeBackend,
};
