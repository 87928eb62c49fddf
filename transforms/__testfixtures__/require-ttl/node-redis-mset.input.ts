import { createClient } from "redis";

const client = createClient();

export async function savePreferences(userId: string, locale: string, currency: string): Promise<void> {
  await client.mSet({
    [`prefs:${userId}:locale`]: locale,
    [`prefs:${userId}:currency`]: currency,
  });
}

export async function flatPairs(a: string, b: string): Promise<void> {
  await client.mSet([`x:${a}`, "1", `x:${b}`, "2"]);
}

export async function tuples(a: string): Promise<void> {
  await client.mSet([[`t:${a}`, "1"], ["config:t", "2"]]);
}
