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
  type AnyPgColumn,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CONVERSATION_MODES, MESSAGE_ROLES, type ConversationMode, type MessageRole } from '../../contracts/enums.js';
import type { HandoffBrief } from '../../contracts/handoff.js';
import { agents, teams } from './agents.js';
import { oneOf } from './check-constraints.js';
import { sites, visitors } from './sites.js';

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
    /** The agent who owns it while `mode` is `human`; set and cleared only by the mode compare-and-set. */
    assignedAgentId: uuid('assigned_agent_id').references((): AnyPgColumn => agents.id, { onDelete: 'set null' }),
    /** The team it was transferred to while it waits; cleared when the bot gets it back or it is resolved. */
    assignedTeamId: uuid('assigned_team_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
    /** When it first started waiting for a person; kept across repeated handoffs, so SLA clocks do not restart. */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    /** Machine-readable reason of the last move to `waiting` (`transfer`, a trigger's name). */
    handoffReason: text('handoff_reason'),
    /** The model's brief of the last handoff for the agent (docs/handoff.md); null when none was written. */
    handoffBrief: jsonb('handoff_brief').$type<HandoffBrief>(),
    /** Where the customer asked to be answered when no agent was available (for the ticket). */
    contactEmail: text('contact_email'),
    /** When the visitor dismissed its rating card ("Not now"): the widget does not offer it again. */
    ratingDismissedAt: timestamp('rating_dismissed_at', { withTimezone: true }),
    /** A/B variant this conversation was assigned to (stable hash of its id), if the site runs a test. */
    variant: text('variant'),
    lastSeq: integer('last_seq').notNull().default(0),
    /** Bumped with every webhook event about the conversation, so receivers can order them (docs/webhooks.md). */
    eventSeq: integer('event_seq').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('conversations_visitor_idx').on(table.visitorId, table.createdAt),
    // The agents' list: a site's conversations, newest activity first, keyset-paged.
    index('conversations_site_updated_idx').on(table.siteId, table.updatedAt, table.id),
    // The handoff queue: a site's waiting conversations, longest-waiting first.
    index('conversations_waiting_idx')
      .on(table.siteId, table.waitingSince, table.id)
      .where(sql`${table.mode} = 'waiting'`),
    check('conversations_mode_check', sql`${table.mode} in ${oneOf(CONVERSATION_MODES)}`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    role: text('role').$type<MessageRole>().notNull(),
    /** What people see: the customer, the site's agents, tickets. */
    text: text('text').notNull(),
    /**
     * What the model sees when it differs from `text`: the customer's contact details masked (the site
     * shows them to agents, `piiVisibility: agents`). Null: the model sees `text`.
     */
    modelText: text('model_text'),
    /** e.g. `masked`, `flagged`, `degraded`, `low_confidence`. */
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    clientMessageId: text('client_message_id'),
    /** For bot replies: the customer message answered. Unique, so a retried job cannot store twice. */
    inReplyTo: uuid('in_reply_to').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Time from enqueue to the first streamed token, for bot replies. */
    ttftMs: integer('ttft_ms'),
    durationMs: integer('duration_ms'),
    model: text('model'),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    promptCacheHitTokens: integer('prompt_cache_hit_tokens'),
    confidence: real('confidence'),
    variant: text('variant'),
    /** Which endpoint answered (after failover). */
    endpoint: text('endpoint'),
    /** `deepseek-reasoner`'s reasoning: for agents, never sent to customers. */
    reasoning: text('reasoning'),
    degraded: boolean('degraded').notNull().default(false),
    /** For agent messages: who wrote it, and their name as it was then (shown to the visitor). */
    agentId: uuid('agent_id').references((): AnyPgColumn => agents.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
  },
  (table) => [
    uniqueIndex('messages_conversation_seq_uq').on(table.conversationId, table.seq),
    uniqueIndex('messages_client_id_uq').on(table.conversationId, table.clientMessageId),
    uniqueIndex('messages_in_reply_to_uq').on(table.inReplyTo),
    // The reply reconciler's scan: recent customer messages only.
    index('messages_customer_created_idx')
      .on(table.createdAt)
      .where(sql`${table.role} = 'customer'`),
    check('messages_role_check', sql`${table.role} in ${oneOf(MESSAGE_ROLES)}`),
  ],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/**
 * Agents' private notes on a conversation. A table of their own, not messages with a flag, so no query
 * that feeds `sync`, a widget socket or the model can ever return one.
 */
export const conversationNotes = pgTable(
  'conversation_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    /** The author's name when the note was written. */
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('conversation_notes_conversation_idx').on(table.conversationId, table.createdAt)],
);

export type ConversationNoteRow = typeof conversationNotes.$inferSelect;
