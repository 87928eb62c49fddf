const express = require("express");
const _ = require("lodash");
const { LRUCache } = require("lru-cache");
const Redis = require("ioredis");

const redis = new Redis();
const app = express();
const memo = new Map();
const cache = new LRUCache({ max: 500 });
const settings = { redis: { host: "localhost" } };

app.set("trust proxy", 1);

app.get("/product/:id", async (req, res) => {
  memo.set(`product:${req.params.id}`, Date.now());
  cache.set("product:" + req.params.id, "html");
  _.set(settings, "redis.port", 6379);
  res.set("Cache-Control", "max-age=60");
  const url = new URL(req.url, "http://localhost");
  url.searchParams.set("v", "2");
  const headers = new Headers();
  headers.set("accept", "application/json");
  res.json({ cached: await redis.get(`product:${req.params.id}`) });
});

module.exports = app;
