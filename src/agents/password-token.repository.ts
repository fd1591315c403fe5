import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { agentPasswordTokens } from '../db/schema.js';

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** One-time set-password tokens of invited agents; only their SHA-256 is stored. */
export class PasswordTokenRepository {
  constructor(private readonly db: Database) {}

  async create(agentId: string, token: string, expiresAt: Date): Promise<void> {
    await this.db.insert(agentPasswordTokens).values({ tokenHash: digest(token), agentId, expiresAt });
  }

  /** Marks the token used and returns its agent, if it was live: a token works once, before it expires. */
  async consume(token: string): Promise<string | undefined> {
    const [row] = await this.db
      .update(agentPasswordTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(agentPasswordTokens.tokenHash, digest(token)),
          isNull(agentPasswordTokens.usedAt),
          gt(agentPasswordTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ agentId: agentPasswordTokens.agentId });
    return row?.agentId;
  }
}
