import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { conversations, messages } from '../db/schema.js';

/** A customer message the bot still owes an answer, with what a reply job needs. */
export type OwedReply = {
  conversationId: string;
  messageId: string;
  messageSeq: number;
  siteId: string;
};

export interface OwedReplyQuery {
  /** Only messages stored at least this long ago (younger ones are normally still being answered). */
  olderThanMs: number;
  /** Only messages stored within this window; older ones are left alone. */
  withinMs: number;
  limit: number;
  /** One conversation only (a returning visitor's). */
  conversationId?: string;
}

/**
 * Finds customer messages that Postgres says are unanswered, whatever the queue says: in a conversation
 * the bot owns, with no reply stored and nothing written after them by the bot or an agent (an answer
 * to a later message had this one in its context). Backed by the partial index on customer messages'
 * `created_at`, the unique `in_reply_to` index and the `(conversation_id, seq)` index.
 */
export class UnansweredMessageRepository {
  constructor(private readonly db: Database) {}

  async owed(query: OwedReplyQuery): Promise<OwedReply[]> {
    const result = await this.db.execute<OwedReply>(sql`
      SELECT m.conversation_id AS "conversationId", m.id AS "messageId", m.seq AS "messageSeq", c.site_id AS "siteId"
        FROM ${messages} m
        JOIN ${conversations} c ON c.id = m.conversation_id
       WHERE m.role = 'customer'
         AND m.created_at < now() - make_interval(secs => ${query.olderThanMs / 1000})
         AND m.created_at > now() - make_interval(secs => ${query.withinMs / 1000})
         AND (${query.conversationId ?? null}::uuid IS NULL OR m.conversation_id = ${query.conversationId ?? null}::uuid)
         AND c.mode = 'bot'
         AND NOT EXISTS (SELECT 1 FROM ${messages} r WHERE r.in_reply_to = m.id)
         AND NOT EXISTS (SELECT 1 FROM ${messages} l
                          WHERE l.conversation_id = m.conversation_id AND l.seq > m.seq AND l.role <> 'customer')
       ORDER BY m.created_at
       LIMIT ${query.limit}`);
    return result.rows;
  }
}
