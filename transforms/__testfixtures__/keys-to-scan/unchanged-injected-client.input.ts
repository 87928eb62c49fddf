interface RedisService {
  getClient(): { keys(pattern: string): Promise<string[]> };
}

export class CartJanitor {
  constructor(private readonly redisService: RedisService) {}

  async staleCarts(): Promise<number> {
    const carts = await this.redisService.getClient().keys("cart:*");
    return carts.length;
  }
}
