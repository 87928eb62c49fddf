import { Redis } from "ioredis";

// One-off maintenance script: connects, migrates, and must close so the process exits.
async function main(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    await redis.rename("settings", "settings:v2");
  } finally {
    await redis.quit();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
