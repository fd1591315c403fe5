import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { FEEDBACK_KINDS, THUMB_VALUES, type FeedbackKind, type ThumbValue } from '../../contracts/feedback.js';
import { oneOf } from './check-constraints.js';
import { conversations, messages } from './conversations.js';
import { sites, visitors } from './sites.js';

/**
 * Visitors' feedback (docs/widget.md, "Feedback"): a thumb on a bot reply (`kind` reply, `message_id`
 * and `value`), or the rating of a resolved conversation (`kind` conversation, `rating` 1-5 and an
 * optional `comment`). At most one row per reply and one rating per conversation: sending again
 * updates that row (the partial unique indexes are the upsert's conflict targets).
 */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** Who sent it: the conversation's visitor at the time. */
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<FeedbackKind>().notNull(),
    value: text('value').$type<ThumbValue>(),
    rating: smallint('rating'),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('feedback_reply_uq')
      .on(table.messageId)
      .where(sql`${table.kind} = 'reply'`),
    uniqueIndex('feedback_conversation_uq')
      .on(table.conversationId)
      .where(sql`${table.kind} = 'conversation'`),
    // A conversation's feedback for agents, in the order it came.
    index('feedback_conversation_idx').on(table.conversationId, table.createdAt),
    check('feedback_kind_check', sql`${table.kind} in ${oneOf(FEEDBACK_KINDS)}`),
    check(
      'feedback_target_check',
      sql`(${table.kind} = 'reply' AND ${table.messageId} IS NOT NULL AND ${table.value} in ${oneOf(THUMB_VALUES)} AND ${table.rating} IS NULL AND ${table.comment} IS NULL)
       OR (${table.kind} = 'conversation' AND ${table.messageId} IS NULL AND ${table.value} IS NULL AND ${table.rating} BETWEEN 1 AND 5)`,
    ),
  ],
);

export type FeedbackRow = typeof feedback.$inferSelect;
