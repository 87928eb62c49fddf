import { createClient } from "redis";

const client = createClient();

export async function expiring(id: string, v: string): Promise<void> {
  await client.set(`a:${id}`, v, { EX: 60 });
  await client.set(`b:${id}`, v, { PX: 1500, NX: true });
  await client.setEx(`c:${id}`, 60, v);
  await client.set("config:site", v);
}
