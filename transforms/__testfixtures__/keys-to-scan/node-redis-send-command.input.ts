import { createClient } from "redis";

const client = createClient();

export async function auditKeys(log: (key: string) => void): Promise<number> {
  const keys: string[] = await client.sendCommand(["KEYS", "audit:*"]);
  keys.forEach((key) => log(key));
  return (await client.sendCommand(["KEYS", "audit:archived:*"]) as string[]).length;
}
