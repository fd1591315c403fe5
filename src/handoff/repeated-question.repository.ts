import type { Redis } from 'ioredis';

/** A conversation's question counts are forgotten a day after its last question. */
const TTL_SECONDS = 24 * 3600;

/**
 * Counts how often each normalised question was asked in a conversation, in one Redis hash per
 * conversation (`<prefix>:handoff:questions:<conversationId>`).
 */
export class RepeatedQuestionRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Counts one more ask of `key` and returns how many times it was asked so far. */
  async count(conversationId: string, key: string): Promise<number> {
    const hash = `${this.prefix}:handoff:questions:${conversationId}`;
    const results = await this.redis.multi().hincrby(hash, key, 1).expire(hash, TTL_SECONDS).exec();
    return Number(results?.[0]?.[1] ?? 0);
  }

  /** Forgets the counts (after a handoff, so the next three asks start anew). */
  async clear(conversationId: string): Promise<void> {
    await this.redis.del(`${this.prefix}:handoff:questions:${conversationId}`);
  }
}
