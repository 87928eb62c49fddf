import { Redis } from "ioredis";

const redis = new Redis();

export async function savePreferences(userId: string, prefs: { locale?: string; currency?: string }): Promise<void> {
  await redis.multi().mset(
    `prefs:${userId}:locale`, prefs.locale || "en-GB",
    `prefs:${userId}:currency`, prefs.currency || "EUR"
  )
    .expire(`prefs:${userId}:locale`, 3600)
    .expire(`prefs:${userId}:currency`, 3600)
    .exec();
}

export function seedDefaults(): void {
  redis.multi().mset({ "defaults:locale": "en-GB", currency: "EUR", "config:theme": "light" })
    .expire("defaults:locale", 3600)
    .expire("currency", 3600)
    .exec();
}

export async function copyFlags(a: string, b: string): Promise<void> {
  await redis.multi().mset([`flag:${a}`, "1", `flag:${b}`, "1"])
    .expire(`flag:${a}`, 3600)
    .expire(`flag:${b}`, 3600)
    .exec();
}

export async function savePair(id: string, left: string, right: string): Promise<void> {
  await redis.multi().mset(`pair:${id}:left`, left, `pair:${id}:right`, right)
    .expire(`pair:${id}:left`, 3600)
    .expire(`pair:${id}:right`, 3600)
    .exec();
}
