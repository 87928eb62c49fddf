import { redis } from "./src/redis/client.js";

interface Health {
  redis: string;
  checks: { redis(): boolean };
}

export class HealthController {
  private readonly status = { redis: "unknown" };

  redis(): string {
    return this.status.redis;
  }

  async health(): Promise<Health> {
    const probe = redis;
    const pong = await probe.ping();
    this.status.redis = pong;
    return { redis: pong, checks: { redis: () => pong === "PONG" } };
  }
}

export function summary(report: { redis?: string }, label = "redis"): string {
  const { redis: status = "down" } = report;
  return `${label}: ${status}`;
}
