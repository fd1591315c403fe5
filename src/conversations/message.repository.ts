import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { conversations, messages, type MessageRole, type MessageRow } from '../db/schema.js';

export interface NewMessage {
  conversationId: string;
  role: MessageRole;
  text: string;
  flags?: string[];
  clientMessageId?: string;
  inReplyTo?: string;
  ttftMs?: number;
  durationMs?: number;
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  promptCacheHitTokens?: number;
  confidence?: number;
  degraded?: boolean;
}

export interface AppendResult {
  message: MessageRow;
  /** True when an earlier call already stored this message (same client id, or same reply target). */
  duplicate: boolean;
}

export class MessageRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores a message with the conversation's next `seq`, in one transaction. Idempotent: a message with
   * the same client message id (customer) or answering the same message (bot) is returned, not stored again.
   */
  async append(message: NewMessage): Promise<AppendResult> {
    const existing = await this.findDuplicate(message);
    if (existing) return { message: existing, duplicate: true };
    try {
      const stored = await this.db.transaction(async (tx) => {
        // The row lock taken by this update serialises seq allocation per conversation.
        const [bumped] = await tx
          .update(conversations)
          .set({ lastSeq: sql`${conversations.lastSeq} + 1`, updatedAt: new Date() })
          .where(eq(conversations.id, message.conversationId))
          .returning({ seq: conversations.lastSeq });
        if (!bumped) throw new Error(`conversation ${message.conversationId} does not exist`);
        const [row] = await tx
          .insert(messages)
          .values({ ...message, flags: message.flags ?? [], seq: bumped.seq })
          .returning();
        return row!;
      });
      return { message: stored, duplicate: false };
    } catch (error) {
      // A concurrent retry of the same message won the race: return its row.
      if (isUniqueViolation(error)) {
        const winner = await this.findDuplicate(message);
        if (winner) return { message: winner, duplicate: true };
      }
      throw error;
    }
  }

  async findById(id: string): Promise<MessageRow | undefined> {
    const [row] = await this.db.select().from(messages).where(eq(messages.id, id)).limit(1);
    return row;
  }

  async findReplyTo(messageId: string): Promise<MessageRow | undefined> {
    const [row] = await this.db.select().from(messages).where(eq(messages.inReplyTo, messageId)).limit(1);
    return row;
  }

  async listAfter(conversationId: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
      .orderBy(asc(messages.seq))
      .limit(limit);
  }

  /** The newest `limit` messages up to and including `uptoSeq`, oldest first. */
  async listRecent(conversationId: string, uptoSeq: number, limit: number): Promise<MessageRow[]> {
    const rows = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), lte(messages.seq, uptoSeq)))
      .orderBy(desc(messages.seq))
      .limit(limit);
    return rows.reverse();
  }

  private async findDuplicate(message: NewMessage): Promise<MessageRow | undefined> {
    if (message.clientMessageId !== undefined) {
      const [row] = await this.db
        .select()
        .from(messages)
        .where(
          and(eq(messages.conversationId, message.conversationId), eq(messages.clientMessageId, message.clientMessageId)),
        )
        .limit(1);
      return row;
    }
    if (message.inReplyTo !== undefined) return this.findReplyTo(message.inReplyTo);
    return undefined;
  }
}
