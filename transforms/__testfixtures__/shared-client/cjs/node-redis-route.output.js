const { redisReports, redisReportsReady } = require("./src/redis/client");

async function getReport(req, res) {
  await redisReportsReady;
  const cached = await redisReports.get(`report:${req.params.date}`);
  res.json(cached ? JSON.parse(cached) : null);
}

exports.getReport = getReport;
