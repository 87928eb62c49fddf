import { Redis } from "ioredis";

declare const fastify: {
  get(path: string, handler: (request: { params: { id: string } }, reply: { code(n: number): { send(b: unknown): void } }) => Promise<unknown>): void;
};

fastify.get("/products/:id", async (request, reply) => {
  let client: Redis | undefined = new Redis(process.env.REDIS_URL!);
  try {
    const product = await client.hgetall(`product:${request.params.id}`);
    if (!product.name) return reply.code(404).send({ error: "not found" });
    return product;
  } finally {
    if (client) await client.quit();
  }
});
