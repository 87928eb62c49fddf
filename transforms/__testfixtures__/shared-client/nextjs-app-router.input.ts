import { createClient } from "redis";

export async function GET(request: Request): Promise<Response> {
  const { searchParams } = new URL(request.url);
  const client = await createClient({ url: process.env.KV_URL }).connect();
  try {
    const value = await client.get(`flags:${searchParams.get("name") ?? "default"}`);
    return Response.json({ enabled: value === "1" });
  } finally {
    client.destroy();
  }
}

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json()) as { name: string; enabled: boolean };
  const redis = createClient({ url: process.env.KV_URL });
  await redis.connect();
  await redis.set(`flags:${body.name}`, body.enabled ? "1" : "0");
  await redis.close();
  return new Response(null, { status: 204 });
}
