import { createClient } from "redis";

export async function waitForReport(date: string): Promise<string> {
  const subscriber = createClient({ url: process.env.REDIS_URL });
  await subscriber.connect();
  return new Promise((resolve) => {
    void subscriber.subscribe(`report:ready:${date}`, (message) => {
      void subscriber.quit();
      resolve(message);
    });
  });
}
