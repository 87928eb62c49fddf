import { Redis } from "ioredis";

declare function Injectable(): <T>(target: T, context: ClassDecoratorContext) => void;

@Injectable()
export class SessionService {
  async find(sessionId: string): Promise<Record<string, string> | null> {
    const sessions = new Redis(process.env.SESSION_REDIS_URL!, { db: 2 });
    try {
      const data = await sessions.hgetall(`session:${sessionId}`);
      return Object.keys(data).length ? data : null;
    } finally {
      await sessions.quit();
    }
  }

  async touch(sessionId: string): Promise<void> {
    const redis = new Redis(process.env.SESSION_REDIS_URL!, { db: 2 });
    await redis.expire(`session:${sessionId}`, 1800);
    await redis.quit();
  }
}
