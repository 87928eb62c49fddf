import { createClient } from "redis";

const client = createClient();

export async function raw(id: string, value: string): Promise<void> {
  await client.sendCommand(["SET", `raw:${id}`, value]);
  await client.sendCommand(["SETNX", `raw-lock:${id}`, value]);
}
