import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Generation parameters stored per site, in DeepSeek's wire names (validated at the edges with zod). */
export type SiteGenerationSettings = {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string | string[];
  presence_penalty?: number;
  frequency_penalty?: number;
};

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Public key the widget embeds; identifies the site, grants nothing else. */
  widgetKey: text('widget_key').notNull().unique(),
  name: text('name').notNull(),
  /** Exact origins (`https://shop.example`) or `*`. */
  allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  systemPrompt: text('system_prompt').notNull(),
  model: text('model').notNull().default('deepseek-chat'),
  /** How many past turns (messages) the model sees besides the system prompt and the newest message. */
  historyWindow: integer('history_window').notNull().default(10),
  /** Token budget for the trimmed context, by DeepSeek's character estimate. */
  contextTokenBudget: integer('context_token_budget').notNull().default(6000),
  generation: jsonb('generation').$type<SiteGenerationSettings>().notNull().default({}),
  maxMessageChars: integer('max_message_chars').notNull().default(2000),
  /** BCP 47 language tag for service texts (degraded replies, greetings). */
  language: text('language').notNull().default('en'),
  /** Sensitive words masked in customer messages; the full engine's lists live in their own table. */
  blockedWords: text('blocked_words').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const visitors = pgTable('visitors', {
  id: uuid('id').primaryKey().defaultRandom(),
  siteId: uuid('site_id')
    .notNull()
    .references(() => sites.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export const conversationModes = ['bot', 'waiting', 'human', 'resolved'] as const;
export type ConversationMode = (typeof conversationModes)[number];

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    mode: text('mode').$type<ConversationMode>().notNull().default('bot'),
    lastSeq: integer('last_seq').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('conversations_visitor_idx').on(table.visitorId, table.createdAt),
    check('conversations_mode_check', sql`${table.mode} in ('bot', 'waiting', 'human', 'resolved')`),
  ],
);

export const messageRoles = ['customer', 'bot', 'agent', 'system'] as const;
export type MessageRole = (typeof messageRoles)[number];

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    role: text('role').$type<MessageRole>().notNull(),
    text: text('text').notNull(),
    /** e.g. `masked`, `flagged`, `degraded`, `low_confidence`. */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    clientMessageId: text('client_message_id'),
    /** For bot replies: the customer message answered. Unique, so a retried job cannot store twice. */
    inReplyTo: uuid('in_reply_to').references((): any => messages.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Time from enqueue to the first streamed token, for bot replies. */
    ttftMs: integer('ttft_ms'),
    durationMs: integer('duration_ms'),
    model: text('model'),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    promptCacheHitTokens: integer('prompt_cache_hit_tokens'),
    confidence: real('confidence'),
    degraded: boolean('degraded').notNull().default(false),
  },
  (table) => [
    uniqueIndex('messages_conversation_seq_uq').on(table.conversationId, table.seq),
    uniqueIndex('messages_client_id_uq').on(table.conversationId, table.clientMessageId),
    uniqueIndex('messages_in_reply_to_uq').on(table.inReplyTo),
    check('messages_role_check', sql`${table.role} in ('customer', 'bot', 'agent', 'system')`),
  ],
);

export type SiteRow = typeof sites.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
