import { Redis } from "ioredis";

const redis = new Redis();

export async function warm(id: string, body: string): Promise<void> {
  await redis
    .pipeline([
      ["set", `page:${id}`, body, "EX", 3600],
      ["set", `page:${id}:etag`, String(body.length), "EX", 60],
      ["get", `page:${id}`],
    ])
    .exec();
}

export async function atomically(id: string, body: string): Promise<void> {
  await redis.multi([["SET", `draft:${id}`, body, "EX", 3600]]).exec();
}
