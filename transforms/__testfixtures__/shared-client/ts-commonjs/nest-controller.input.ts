import { createClient } from "redis";
import { Redis } from "ioredis";

declare function Controller(path: string): <T>(target: T, context: ClassDecoratorContext) => void;

@Controller("orders")
export class OrdersController {
  async count(day: string): Promise<number> {
    const client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
    const n = await client.hLen(`orders:${day}`);
    await client.quit();
    return n;
  }

  async total(day: string): Promise<number> {
    const redis = new Redis(process.env.TOTALS_REDIS_URL!);
    const cents = await redis.hget(`totals:${day}`, "cents");
    redis.disconnect();
    return Number(cents ?? 0);
  }
}
