import { Redis } from "ioredis";

const redis = new Redis();

const FEATURES_KEY = "config:features";
const PREFIX = "catalog:";
const LISTS = PREFIX + "lists:";
const BANNER_KEY = "banner:current";

export async function homepage(): Promise<Array<string | null>> {
  const flags = await redis.get(FEATURES_KEY);
  const lists = await redis.mget(PREFIX + "featured", `${PREFIX}bestsellers`, LISTS + "new");
  console.log("banner lives at %s", BANNER_KEY);
  await redis.get(BANNER_KEY);
  return [flags, ...lists];
}
