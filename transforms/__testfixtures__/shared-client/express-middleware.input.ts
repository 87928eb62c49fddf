import type { NextFunction, Request, Response } from "express";
import { Redis } from "ioredis";

const WINDOW_SECONDS = 60;
const MAX_HITS = 100;

/** Fixed-window rate limiter, keyed by client IP. */
export async function rateLimit(req: Request, res: Response, next: NextFunction): Promise<void> {
  const limiter = new Redis();
  try {
    const bucket = `ratelimit:${req.ip}`;
    const hits = await limiter.incr(bucket);
    if (hits === 1) await limiter.expire(bucket, WINDOW_SECONDS);
    res.set("X-RateLimit-Remaining", String(Math.max(0, MAX_HITS - hits)));
    if (hits > MAX_HITS) {
      res.status(429).json({ error: "too many requests" });
      return;
    }
    next();
  } catch (err) {
    // never block traffic because the limiter is down
    console.warn("rate limiter unavailable: %s", (err as Error).message);
    next();
  } finally {
    limiter.disconnect();
  }
}
