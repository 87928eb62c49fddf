import { Redis } from "ioredis";
import { createClient } from "redis";

// Pub/Sub: a subscribed connection can only run Pub/Sub commands.
const sub = new Redis(process.env.REDIS_URL!);
sub.on("message", (channel: string, message: string) => console.log(channel, message));
void sub.subscribe("events");

// Only the listener is here; the PSUBSCRIBE happens where the client is passed to.
export const patterns = new Redis(process.env.CACHE_REDIS_URL!);
patterns.on("pmessage", (_pattern: string, channel: string) => console.log(channel));

// BLPOP holds its connection until a job arrives.
const blocking = new Redis(process.env.REDIS_URL!);
export async function nextJob(): Promise<string | undefined> {
  const item = await blocking.blpop("jobs", 0);
  return item?.[1];
}

// XREAD with BLOCK waits on the connection too.
const reader = createClient({ url: process.env.KV_URL });
await reader.connect();
export async function tail(stream: string) {
  return reader.xRead({ key: stream, id: "$" }, { BLOCK: 5000 });
}

// WATCH belongs to the connection: a shared one would watch for every request.
let tx: Redis;
tx = new Redis(process.env.REDIS_URL!);
export async function transfer(from: string, to: string, amount: number) {
  await tx.watch(from);
  const balance = Number(await tx.get(from));
  if (balance < amount) return tx.unwatch();
  return tx.multi().decrby(from, amount).incrby(to, amount).exec();
}

// SELECT switches the database of the whole connection.
const analytics = new Redis(process.env.REDIS_URL!);
void analytics.select(4);

// Handed to a function of this file that subscribes with it.
const events = new Redis(process.env.REDIS_URL!);
function listen(client: Redis, channel: string) {
  void client.psubscribe(`${channel}:*`);
}
listen(events, "orders");

// A plain client is still a candidate; a parameter of the same name that subscribes is another value.
export const cache = new Redis(process.env.REDIS_URL!);
export const cached = (k: string) => cache.get(k);
export function relay(cache: { subscribe(channel: string): void }) {
  cache.subscribe("relay");
}
