import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ACCESS_TOKEN_PREFIX } from '../contracts/integration-auth.js';

const recordSchema = z.object({ clientRowId: z.string(), siteId: z.string(), scopes: z.array(z.string()) });
export type AccessTokenRecord = z.infer<typeof recordSchema>;

/**
 * Opaque bearer tokens in Redis: the key is a SHA-256 of the token (a Redis dump holds no usable
 * token), the value who it belongs to, the TTL its life. Revocation deletes the key.
 */
export class AccessTokenRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(token: string): string {
    return `${this.prefix}:oauth:at:${createHash('sha256').update(token).digest('base64url')}`;
  }

  async issue(record: AccessTokenRecord, ttlMs: number): Promise<string> {
    const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await this.redis.set(this.key(token), JSON.stringify(record), 'PX', ttlMs);
    return token;
  }

  async find(token: string): Promise<AccessTokenRecord | undefined> {
    if (!token.startsWith(ACCESS_TOKEN_PREFIX) || token.length > 200) return undefined;
    const stored = await this.redis.get(this.key(token));
    if (!stored) return undefined;
    const parsed = recordSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  }

  async revoke(token: string): Promise<void> {
    if (token.startsWith(ACCESS_TOKEN_PREFIX) && token.length <= 200) await this.redis.del(this.key(token));
  }
}
