import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface CachedReply {
  text: string;
  model: string;
}

/** First-turn answers by site, variant and normalised question, in Redis with a TTL. */
export class ReplyCacheRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(siteId: string, variant: string | null, question: string): Promise<CachedReply | undefined> {
    const raw = await this.redis.get(this.key(siteId, variant, question));
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as Partial<CachedReply>;
      return typeof value.text === 'string' && typeof value.model === 'string'
        ? { text: value.text, model: value.model }
        : undefined;
    } catch {
      return undefined;
    }
  }

  async set(siteId: string, variant: string | null, question: string, reply: CachedReply, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.key(siteId, variant, question), JSON.stringify(reply), 'EX', ttlSeconds);
  }

  // Hashed so a long question makes a short key; the variant is part of it so an A/B arm never
  // serves the other arm's answer.
  private key(siteId: string, variant: string | null, question: string): string {
    const digest = createHash('sha256').update(question).digest('base64url');
    return `${this.prefix}:reply-cache:${siteId}:${variant ?? '-'}:${digest}`;
  }
}
