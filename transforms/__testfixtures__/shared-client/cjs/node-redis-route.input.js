const { createClient } = require("redis");

async function getReport(req, res) {
  const client = createClient({ url: process.env.REPORTS_REDIS_URL });
  client.on("error", (err) => console.error("[reports] redis error", err));
  await client.connect();
  try {
    const cached = await client.get(`report:${req.params.date}`);
    res.json(cached ? JSON.parse(cached) : null);
  } finally {
    await client.quit();
  }
}

exports.getReport = getReport;
