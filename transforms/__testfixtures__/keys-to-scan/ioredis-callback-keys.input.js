const Redis = require("ioredis");

const redis = new Redis();

function listQueues(done) {
  redis.keys("queue:*", (err, names) => {
    if (err) return done(err);
    done(null, names.map((n) => n.slice(6)));
  });
}

module.exports = { listQueues };
