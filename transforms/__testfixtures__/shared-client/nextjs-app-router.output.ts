import { redisKv } from "./src/redis/client.js";

export async function GET(request: Request): Promise<Response> {
  const { searchParams } = new URL(request.url);
  const value = await redisKv.get(`flags:${searchParams.get("name") ?? "default"}`);
  return Response.json({ enabled: value === "1" });
}

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json()) as { name: string; enabled: boolean };
  await redisKv.set(`flags:${body.name}`, body.enabled ? "1" : "0");
  return new Response(null, { status: 204 });
}
