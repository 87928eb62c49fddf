import Redis from "ioredis";

declare const router: { get(path: string, h: (req: { query: { q?: string } }, res: { json(b: unknown): void }) => Promise<void>): void };

router.get("/search", async (req, res) => {
  const cluster = new Redis.Cluster([{ host: process.env.REDIS_CLUSTER_HOST!, port: 6379 }], { scaleReads: "slave" });
  const hits = await cluster.zrevrange(`search:${req.query.q ?? ""}`, 0, 9);
  await cluster.quit();
  res.json({ hits });
});
