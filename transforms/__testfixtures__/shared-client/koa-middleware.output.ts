import { redisSessionStore } from "./src/redis/client.js";

declare const app: { use(mw: (ctx: { state: Record<string, unknown>; get(h: string): string }, next: () => Promise<void>) => Promise<void>): void };

app.use(async (ctx, next) => {
  const sessionStore = redisSessionStore;
  const sid = ctx.get("x-session-id");
  const raw = sid ? await sessionStore.get(sid) : null;
  ctx.state.session = raw ? JSON.parse(raw) : null;
  await next();
});
