import { redisCluster } from "./src/redis/client.js";

declare const router: { get(path: string, h: (req: { query: { q?: string } }, res: { json(b: unknown): void }) => Promise<void>): void };

router.get("/search", async (req, res) => {
  const cluster = redisCluster;
  const hits = await cluster.zrevrange(`search:${req.query.q ?? ""}`, 0, 9);
  res.json({ hits });
});
