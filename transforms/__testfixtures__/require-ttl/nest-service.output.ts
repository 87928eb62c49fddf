import type { Redis } from "ioredis";

declare function Injectable(): ClassDecorator;

@Injectable()
export class CartService {
  constructor(private readonly redis: Redis) {}

  async save(userId: string, cart: object): Promise<void> {
    await this.redis.set(`cart:${userId}`, JSON.stringify(cart), "EX", 3600);
  }

  async lock(userId: string): Promise<boolean> {
    return (await this.redis.set(`cart:${userId}:lock`, "1", "EX", 30, "NX")) !== null;
  }
}
