import { Redis } from "ioredis";

const redis = new Redis();

export async function savePreferences(userId: string, prefs: { locale?: string; currency?: string }): Promise<void> {
  await redis.mset(
    `prefs:${userId}:locale`, prefs.locale || "en-GB",
    `prefs:${userId}:currency`, prefs.currency || "EUR"
  );
}

export function seedDefaults(): void {
  redis.mset({ "defaults:locale": "en-GB", currency: "EUR", "config:theme": "light" });
}

export async function copyFlags(a: string, b: string): Promise<void> {
  await redis.mset([`flag:${a}`, "1", `flag:${b}`, "1"]);
}

export async function savePair(id: string, left: string, right: string): Promise<void> {
  await redis.mset(`pair:${id}:left`, left, `pair:${id}:right`, right);
}
