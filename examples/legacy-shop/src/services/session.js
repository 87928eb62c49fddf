"use strict";

const crypto = require("crypto");
const redis = require("../redis");

const LAST_ORDER_TTL = 60 * 60 * 24 * 30;

function newSessionId() {
  return crypto.randomBytes(24).toString("base64url");
}

async function createSession(user) {
  const sid = newSessionId();
  await redis.set(
    "session:" + sid,
    JSON.stringify({ uid: user.id, roles: user.roles || [], createdAt: Date.now() })
  );
  return sid;
}

async function getSession(sid) {
  if (!sid) return null;
  const raw = await redis.get("session:" + sid);
  return raw ? JSON.parse(raw) : null;
}

async function destroySession(sid) {
  await redis.del("session:" + sid);
}

function putSessionValue(sid, field, value, ttl) {
  const k = `session:${sid}:${field}`;
  if (ttl) redis.set(k, value, "EX", ttl);
  else redis.set(k, value);
}

async function acquireCheckoutLock(orderId, owner) {
  const acquired = await redis.setnx(`lock:checkout:${orderId}`, owner);
  return acquired === 1;
}

async function releaseCheckoutLock(orderId, owner) {
  const current = await redis.get(`lock:checkout:${orderId}`);
  if (current === String(owner)) {
    await redis.del(`lock:checkout:${orderId}`);
    return true;
  }
  return false;
}

async function rememberLastOrder(userId, orderId) {
  await redis.set(`user:${userId}:last-order`, orderId);
  await redis.expire(`user:${userId}:last-order`, LAST_ORDER_TTL);
}

async function savePreferences(userId, prefs) {
  await redis.mset(
    `prefs:${userId}:locale`, prefs.locale || "en-GB",
    `prefs:${userId}:currency`, prefs.currency || "EUR",
    `prefs:${userId}:theme`, prefs.theme || "light"
  );
}

async function loadPreferences(userId) {
  const [locale, currency, theme] = await redis.mget(
    `prefs:${userId}:locale`,
    `prefs:${userId}:currency`,
    `prefs:${userId}:theme`
  );
  return { locale, currency, theme };
}

module.exports = {
  createSession,
  getSession,
  destroySession,
  putSessionValue,
  acquireCheckoutLock,
  releaseCheckoutLock,
  rememberLastOrder,
  savePreferences,
  loadPreferences,
};
