import type { Redis } from 'ioredis';
import { SPLIT_TAIL_MESSAGES, SPLIT_WINDOW_MS } from './split-message-tail.js';

/**
 * Per-conversation tail of recent short customer messages (as stored, so already masked), for the
 * split-across-messages rule. A Redis list, trimmed to the newest {@link SPLIT_TAIL_MESSAGES} entries,
 * that expires {@link SPLIT_WINDOW_MS} after its last push.
 */
export class MessageTailRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async recent(conversationId: string): Promise<string[]> {
    return this.redis.lrange(this.key(conversationId), 0, -1);
  }

  async push(conversationId: string, text: string): Promise<void> {
    const key = this.key(conversationId);
    await this.redis.multi().rpush(key, text).ltrim(key, -SPLIT_TAIL_MESSAGES, -1).pexpire(key, SPLIT_WINDOW_MS).exec();
  }

  async clear(conversationId: string): Promise<void> {
    await this.redis.del(this.key(conversationId));
  }

  private key(conversationId: string): string {
    return `${this.prefix}:filter-tail:${conversationId}`;
  }
}
