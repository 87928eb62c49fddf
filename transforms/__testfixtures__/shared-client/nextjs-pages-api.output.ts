import { redisKv } from "./src/redis/client.js";

declare interface NextApiRequest { query: Record<string, string | string[] | undefined> }
declare interface NextApiResponse { status(code: number): { json(body: unknown): void } }

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const views = await redisKv.incr(`views:${String(req.query.slug)}`);
  res.status(200).json({ views });
}
