import { and, eq, sql } from 'drizzle-orm';
import type { ConversationMode, MessageRole } from '../contracts/enums.js';
import type { Database } from '../db/client.js';
import { channelVisitors, conversations, messages, type MessageRow } from '../db/schema.js';

/** A customer message as a task needs it: where it lives and who answers the conversation now. */
export interface TaskMessage {
  id: string;
  role: MessageRole;
  conversationId: string;
  siteId: string;
  mode: ConversationMode;
  reply: MessageRow | undefined;
}

/** REST channel rows: external visitor ids, and the one read a task's status needs. */
export class ChannelRepository {
  constructor(private readonly db: Database) {}

  async findVisitor(siteId: string, externalId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ visitorId: channelVisitors.visitorId })
      .from(channelVisitors)
      .where(and(eq(channelVisitors.siteId, siteId), eq(channelVisitors.externalId, externalId)));
    return row?.visitorId;
  }

  /** Links the external id to `visitorId` unless a concurrent request linked it first; the linked visitor. */
  async linkVisitor(siteId: string, externalId: string, visitorId: string): Promise<string> {
    await this.db.insert(channelVisitors).values({ siteId, externalId, visitorId }).onConflictDoNothing();
    return (await this.findVisitor(siteId, externalId))!;
  }

  async externalIdOf(visitorId: string): Promise<string | null> {
    const [row] = await this.db
      .select({ externalId: channelVisitors.externalId })
      .from(channelVisitors)
      .where(eq(channelVisitors.visitorId, visitorId));
    return row?.externalId ?? null;
  }

  /** The message, its conversation's site and mode, and the bot's reply to it, in one statement. */
  async findTaskMessage(messageId: string): Promise<TaskMessage | undefined> {
    const reply = sql.raw('reply');
    const [row] = await this.db
      .select({
        id: messages.id,
        role: messages.role,
        conversationId: messages.conversationId,
        siteId: conversations.siteId,
        mode: conversations.mode,
        replyId: sql<
          string | null
        >`(SELECT ${reply}.id FROM ${messages} ${reply} WHERE ${reply}.in_reply_to = ${messages.id} LIMIT 1)`,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(eq(messages.id, messageId));
    if (!row) return undefined;
    const [replyRow] = row.replyId ? await this.db.select().from(messages).where(eq(messages.id, row.replyId)) : [];
    return {
      id: row.id,
      role: row.role,
      conversationId: row.conversationId,
      siteId: row.siteId,
      mode: row.mode,
      reply: replyRow,
    };
  }
}
