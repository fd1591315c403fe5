import { and, asc, desc, eq, gt, isNull, ne, notExists, sql } from 'drizzle-orm';
import type { GivenThumb, Rating, ThumbValue } from '../contracts/feedback.js';
import type { FeedbackCreatedData } from '../contracts/webhooks.js';
import type { Database } from '../db/client.js';
import { conversations, feedback, messages, type FeedbackRow } from '../db/schema.js';
import { recordOutboxEvent, type OutboxDispatch } from '../db/webhook-outbox.js';
import { toFeedback } from './feedback-view.js';

/** What a visitor sends, already parsed: a thumb on a reply or the conversation's rating. */
export type FeedbackInput =
  { kind: 'reply'; messageId: string; value: ThumbValue } | { kind: 'conversation'; rating: Rating; comment: string | null };

/** The outcome of a send: stored (new or replaced), or why it was not. */
export type FeedbackWriteResult =
  | { status: 'stored'; row: FeedbackRow }
  | { status: 'no_conversation' }
  | { status: 'no_bot_reply' }
  | { status: 'not_resolved' };

export type DismissResult = 'dismissed' | 'no_conversation' | 'not_resolved';

type ConversationScope = { siteId: string; visitorId: string; conversationId: string };

/** The conversation, only if it is this visitor's on this site. */
const visitorsOwnConversation = (scope: ConversationScope) =>
  and(
    eq(conversations.id, scope.conversationId),
    eq(conversations.siteId, scope.siteId),
    eq(conversations.visitorId, scope.visitorId),
  );

/**
 * Feedback rows. A send is one transaction: the conversation row is locked (`FOR NO KEY UPDATE`, the
 * lock the outbox's `event_seq` bump takes anyway, so two sends cannot deadlock upgrading a shared
 * lock) and checked, the row is upserted, and `feedback.created` is written to the outbox with it.
 */
export class FeedbackRepository {
  constructor(
    private readonly db: Database,
    private readonly dispatch?: OutboxDispatch,
  ) {}

  async upsert(scope: ConversationScope, input: FeedbackInput): Promise<FeedbackWriteResult> {
    const { result, deliveryIds } = await this.db.transaction(async (tx) => {
      const [conversation] = await tx
        .select({ id: conversations.id, mode: conversations.mode })
        .from(conversations)
        .where(visitorsOwnConversation(scope))
        .for('no key update');
      if (!conversation) return { result: { status: 'no_conversation' } as const, deliveryIds: [] };

      let message: FeedbackCreatedData['message'] = null;
      let row: FeedbackRow | undefined;
      if (input.kind === 'reply') {
        const [reply] = await tx
          .select({ id: messages.id, seq: messages.seq, text: messages.text, createdAt: messages.createdAt })
          .from(messages)
          .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, conversation.id), eq(messages.role, 'bot')));
        if (!reply) return { result: { status: 'no_bot_reply' } as const, deliveryIds: [] };
        message = { ...reply, createdAt: reply.createdAt.toISOString() };
        [row] = await tx
          .insert(feedback)
          .values({ ...scope, kind: 'reply', messageId: reply.id, value: input.value })
          .onConflictDoUpdate({
            target: feedback.messageId,
            targetWhere: sql.raw(`kind = 'reply'`),
            set: { value: input.value, visitorId: scope.visitorId, updatedAt: sql`now()` },
          })
          .returning();
      } else {
        if (conversation.mode !== 'resolved') return { result: { status: 'not_resolved' } as const, deliveryIds: [] };
        [row] = await tx
          .insert(feedback)
          .values({ ...scope, kind: 'conversation', rating: input.rating, comment: input.comment })
          .onConflictDoUpdate({
            target: feedback.conversationId,
            targetWhere: sql.raw(`kind = 'conversation'`),
            set: { rating: input.rating, comment: input.comment, visitorId: scope.visitorId, updatedAt: sql`now()` },
          })
          .returning();
      }
      const data: FeedbackCreatedData = {
        feedback: toFeedback(row!),
        conversation: { id: conversation.id, siteId: scope.siteId, visitorId: scope.visitorId, mode: conversation.mode },
        message,
      };
      const { deliveryIds } = await recordOutboxEvent(tx, {
        siteId: scope.siteId,
        conversationId: conversation.id,
        type: 'feedback.created',
        data: { ...data },
      });
      return { result: { status: 'stored', row: row! } as const, deliveryIds };
    });
    if (deliveryIds.length > 0) this.dispatch?.(deliveryIds);
    return result;
  }

  /**
   * Marks the rating card of the visitor's resolved conversation dismissed (the first time counts;
   * `updated_at` stays, so the agents' list does not move).
   */
  async dismissRating(scope: ConversationScope): Promise<DismissResult> {
    const own = visitorsOwnConversation(scope);
    const [dismissed] = await this.db
      .update(conversations)
      .set({ ratingDismissedAt: sql`coalesce(${conversations.ratingDismissedAt}, now())` })
      .where(and(own, eq(conversations.mode, 'resolved')))
      .returning({ id: conversations.id });
    if (dismissed) return 'dismissed';
    const [exists] = await this.db.select({ id: conversations.id }).from(conversations).where(own);
    return exists ? 'not_resolved' : 'no_conversation';
  }

  /** The thumbs the visitor gave bot replies of the conversation, at most `limit` (newest first). */
  async thumbsOf(visitorId: string, conversationId: string, limit: number): Promise<GivenThumb[]> {
    const rows = await this.db
      .select({ messageId: feedback.messageId, value: feedback.value })
      .from(feedback)
      .where(and(eq(feedback.conversationId, conversationId), eq(feedback.visitorId, visitorId), eq(feedback.kind, 'reply')))
      .orderBy(desc(feedback.updatedAt))
      .limit(limit);
    return rows.flatMap(({ messageId, value }) => (messageId && value ? [{ messageId, value }] : []));
  }

  /**
   * The visitor's newest conversation besides `currentId`, if it is resolved, had messages, changed
   * since `since`, and has no rating and no dismissal. One indexed look-up (`conversations_visitor_idx`) and a probe.
   */
  async unratedPrevious(visitorId: string, currentId: string, since: Date): Promise<string | undefined> {
    const previous = this.db
      .select({
        id: conversations.id,
        mode: conversations.mode,
        lastSeq: conversations.lastSeq,
        updatedAt: conversations.updatedAt,
        dismissedAt: conversations.ratingDismissedAt,
      })
      .from(conversations)
      .where(and(eq(conversations.visitorId, visitorId), ne(conversations.id, currentId)))
      .orderBy(desc(conversations.createdAt))
      .limit(1)
      .as('previous');
    const [row] = await this.db
      .select({ id: previous.id })
      .from(previous)
      .where(
        and(
          eq(previous.mode, 'resolved'),
          gt(previous.lastSeq, 0),
          gt(previous.updatedAt, since),
          isNull(previous.dismissedAt),
          notExists(
            this.db
              .select({ one: sql`1` })
              .from(feedback)
              .where(and(eq(feedback.conversationId, previous.id), eq(feedback.kind, 'conversation'))),
          ),
        ),
      );
    return row?.id;
  }

  /** A conversation's feedback, oldest first: at most one row per bot reply plus the rating, and at most `limit`. */
  async listForConversation(conversationId: string, limit: number): Promise<FeedbackRow[]> {
    return this.db
      .select()
      .from(feedback)
      .where(eq(feedback.conversationId, conversationId))
      .orderBy(asc(feedback.createdAt), asc(feedback.id))
      .limit(limit);
  }
}
