import { redis } from "./src/redis/client.js";

declare const fastify: {
  get(path: string, handler: (request: { params: { id: string } }, reply: { code(n: number): { send(b: unknown): void } }) => Promise<unknown>): void;
};

fastify.get("/products/:id", async (request, reply) => {
  const product = await redis.hgetall(`product:${request.params.id}`);
  if (!product.name) return reply.code(404).send({ error: "not found" });
  return product;
});
