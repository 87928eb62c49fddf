import { createClient } from "redis";

const client = createClient();

export async function raw(id: string, value: string): Promise<void> {
  await client.sendCommand(["SET", `raw:${id}`, value, "EX", "3600"]);
  await client.sendCommand(["SET", `raw-lock:${id}`, value, "EX", "30", "NX"]);
}
