import { createClient } from "redis";

declare interface NextApiRequest { query: Record<string, string | string[] | undefined> }
declare interface NextApiResponse { status(code: number): { json(body: unknown): void } }

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = createClient({ url: process.env.KV_URL });
  client.on("error", (err) => console.error("redis error", err));
  await client.connect();

  const views = await client.incr(`views:${String(req.query.slug)}`);
  await client.quit();
  res.status(200).json({ views });
}
