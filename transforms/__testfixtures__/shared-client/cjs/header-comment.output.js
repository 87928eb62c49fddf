// Reports API: the latest report, cached in Redis.
const { redisReports, redisReportsReady } = require("./src/redis/client");

exports.latest = async (req, res) => {
  await redisReportsReady;
  res.json(await redisReports.get("reports:latest"));
};
