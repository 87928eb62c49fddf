import { Redis } from "ioredis";

/** The project's shared client: other fixture modules import it. */
export const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
