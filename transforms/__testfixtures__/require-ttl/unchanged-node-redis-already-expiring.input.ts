import { createClient } from "redis";

const client = createClient();

export async function expiring(id: string, v: string): Promise<void> {
  await client.set(`a:${id}`, v, { EX: 60 });
  await client.set(`b:${id}`, v, { PX: 1500, NX: true });
  await client.set(`c:${id}`, v, { expiration: { type: "EX", value: 60 } });
  await client.set(`d:${id}`, v, { KEEPTTL: true });
  await client.set(`e:${id}`, v, { expiration: "KEEPTTL" });
  await client.setEx(`f:${id}`, 60, v);
  await client.pSetEx(`g:${id}`, 1500, v);
  await client.sendCommand(["SET", `h:${id}`, v, "EX", "60"]);
  await client.set("config:site", v);
}
