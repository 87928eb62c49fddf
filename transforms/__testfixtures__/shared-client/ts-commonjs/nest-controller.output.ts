import { redis, redisReady, redisTotals } from "./src/redis/client";

declare function Controller(path: string): <T>(target: T, context: ClassDecoratorContext) => void;

@Controller("orders")
export class OrdersController {
  async count(day: string): Promise<number> {
    await redisReady;
    const n = await redis.hLen(`orders:${day}`);
    return n;
  }

  async total(day: string): Promise<number> {
    const cents = await redisTotals.hget(`totals:${day}`, "cents");
    return Number(cents ?? 0);
  }
}
