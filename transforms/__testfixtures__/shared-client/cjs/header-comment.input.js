// Reports API: the latest report, cached in Redis.
const { createClient } = require("redis");

exports.latest = async (req, res) => {
  const client = createClient({ url: process.env.REPORTS_REDIS_URL });
  await client.connect();
  res.json(await client.get("reports:latest"));
  await client.quit();
};
