"use strict";

const express = require("express");

const redis = require("./redis");
const cart = require("./routes/cart");
const admin = require("./routes/admin");
const rateLimit = require("./middleware/rateLimit");
const session = require("./services/session");
const catalog = require("./services/catalog");
const cleanup = require("./jobs/cleanup");
const { applyHttpCaching, cacheHeaders, describeBackend } = require("./lib/cache");
const { buildDailyReport, listDailyReports } = require("./reports/daily");

const app = express();

applyHttpCaching(app);
app.use(express.json({ limit: "256kb" }));
app.use(rateLimit({ windowSeconds: 60, max: 120, skip: (req) => req.path === "/healthz" }));

async function loadSession(req, res, next) {
  try {
    req.session = await session.getSession(req.get("x-session-id"));
    next();
  } catch (err) {
    next(err);
  }
}

function requireAdmin(req, res, next) {
  if (req.session && req.session.roles.includes("admin")) return next();
  res.status(403).json({ error: "forbidden" });
}

app.use(loadSession);

app.get("/healthz", async (req, res) => {
  const pong = await redis.ping().catch(() => null);
  res.status(pong === "PONG" ? 200 : 503).json({ redis: describeBackend(), ok: pong === "PONG" });
});

app.post("/login", async (req, res, next) => {
  try {
    // TODO: real credential check lives in the auth service
    const user = { id: req.body.userId, roles: req.body.roles || ["customer"] };
    const sid = await session.createSession(user);
    res.json({ sessionId: sid });
  } catch (err) {
    next(err);
  }
});

app.get("/products", cacheHeaders(60), async (req, res, next) => {
  try {
    const ids = String(req.query.ids || "").split(",").filter(Boolean);
    res.json(await catalog.getProducts(ids));
  } catch (err) {
    next(err);
  }
});

app.get("/home", cacheHeaders(30), async (req, res, next) => {
  try {
    res.json(await catalog.getHomepageLists());
  } catch (err) {
    next(err);
  }
});

app.get("/reports/daily", requireAdmin, async (req, res, next) => {
  try {
    res.json(await listDailyReports());
  } catch (err) {
    next(err);
  }
});

app.get("/reports/daily/:date", requireAdmin, async (req, res, next) => {
  try {
    const report = await buildDailyReport(req.params.date);
    if (!report) return res.status(202).json({ status: "building" });
    res.json(report);
  } catch (err) {
    next(err);
  }
});

app.use("/cart", cart);
app.use("/admin", requireAdmin, admin);

if (require.main === module) {
  const port = Number(process.env.PORT) || 3000;
  app.listen(port, () => console.log("shop api listening on :%d", port));
  cleanup.start();
}

module.exports = app;
