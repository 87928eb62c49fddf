import { createClient } from "redis";

const client = createClient();

export async function savePreferences(userId: string, locale: string, currency: string): Promise<void> {
  await client.multi().mSet({
    [`prefs:${userId}:locale`]: locale,
    [`prefs:${userId}:currency`]: currency,
  })
    .expire(`prefs:${userId}:locale`, 3600)
    .expire(`prefs:${userId}:currency`, 3600)
    .exec();
}

export async function flatPairs(a: string, b: string): Promise<void> {
  await client.multi().mSet([`x:${a}`, "1", `x:${b}`, "2"])
    .expire(`x:${a}`, 3600)
    .expire(`x:${b}`, 3600)
    .exec();
}

export async function tuples(a: string): Promise<void> {
  await client.multi().mSet([[`t:${a}`, "1"], ["config:t", "2"]]).expire(`t:${a}`, 3600).exec();
}
