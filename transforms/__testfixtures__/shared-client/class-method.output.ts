import { redisSession } from "./src/redis/client.js";

declare function Injectable(): <T>(target: T, context: ClassDecoratorContext) => void;

@Injectable()
export class SessionService {
  async find(sessionId: string): Promise<Record<string, string> | null> {
    const sessions = redisSession;
    const data = await sessions.hgetall(`session:${sessionId}`);
    return Object.keys(data).length ? data : null;
  }

  async touch(sessionId: string): Promise<void> {
    await redisSession.expire(`session:${sessionId}`, 1800);
  }
}
