import { Redis } from "ioredis";
import { key } from "./redis/key";

const redis = new Redis();
const steps = { pipeline: (list: string[][]) => list.length };

export async function warm(home: string): Promise<number> {
  await redis.pipeline([["set", key("page", "home"), home], ["publish", "page:updates", "home"]]).exec();
  return steps.pipeline([["set", "page:home", home]]);
}
