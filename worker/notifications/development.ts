import type { Redis } from "@upstash/redis/cloudflare";
import type { Message, Notifier } from "./message.ts";

export interface OutboxItem extends Message {
  sentAt: string;
}

const outboxKey = (to: string) => `dev:outbox:${to}`;
const keep = 50;

/** Development only: logs each message and keeps it in an outbox the dev endpoint and tests read. */
export class DevelopmentNotifier implements Notifier {
  constructor(private readonly redis: Redis) {}

  async send(message: Message): Promise<void> {
    const item: OutboxItem = { ...message, sentAt: new Date().toISOString() };
    console.log(`[outbox] ${message.channel} to ${message.to}: ${message.text}`);
    await this.redis
      .pipeline()
      .lpush(outboxKey(message.to), JSON.stringify(item))
      .ltrim(outboxKey(message.to), 0, keep - 1)
      .expire(outboxKey(message.to), 24 * 60 * 60)
      .exec();
  }
}

export async function readOutbox(redis: Redis, to: string): Promise<OutboxItem[]> {
  const items = await redis.lrange<OutboxItem | string>(outboxKey(to), 0, keep - 1);
  return items.map((item) => (typeof item === "string" ? (JSON.parse(item) as OutboxItem) : item));
}
