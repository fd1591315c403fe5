import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { IdempotencyClaim, IdempotencyStore } from './integration-ports.js';

/** How long a first answer is replayed for a repeated `Idempotency-Key`. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** How long a claim without an answer holds (a gateway that died mid-request frees the key after it). */
const CLAIM_TTL_MS = 60_000;

interface Stored {
  fingerprint: string;
  status?: number;
  body?: unknown;
}

/**
 * `Idempotency-Key` records in Redis, per client: a claim (`SET NX`) while the first request runs,
 * then its answer for {@link IDEMPOTENCY_TTL_MS}. The fingerprint (method, path, body) tells a true
 * repeat from another request reusing the key.
 */
export class IdempotencyRepository implements IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private redisKey(scope: string, key: string): string {
    return `${this.prefix}:idem:${scope}:${createHash('sha256').update(key).digest('base64url')}`;
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const redisKey = this.redisKey(scope, key);
    const claimed = await this.redis.set(redisKey, JSON.stringify({ fingerprint } satisfies Stored), 'PX', CLAIM_TTL_MS, 'NX');
    if (claimed === 'OK') return { kind: 'claimed' };
    const raw = await this.redis.get(redisKey);
    if (!raw) return this.claim(scope, key, fingerprint);
    const stored = JSON.parse(raw) as Stored;
    if (stored.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (stored.status === undefined) return { kind: 'in_progress' };
    return { kind: 'replay', status: stored.status, body: stored.body };
  }

  async complete(scope: string, key: string, fingerprint: string, status: number, body: unknown): Promise<void> {
    await this.redis.set(
      this.redisKey(scope, key),
      JSON.stringify({ fingerprint, status, body } satisfies Stored),
      'PX',
      IDEMPOTENCY_TTL_MS,
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.redis.del(this.redisKey(scope, key));
  }
}
