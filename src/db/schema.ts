import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  AGENT_ROLES,
  CONVERSATION_MODES,
  FILTER_CATEGORIES,
  MESSAGE_ROLES,
  type AgentRole,
  type ConversationMode,
  type FilterCategoryName,
  type MessageRole,
} from '../contracts/enums.js';
import type { HandoffBrief } from '../contracts/handoff.js';
import type { GenerationSettings } from '../llm/llm-types.js';

/** `in ('a', 'b')` for a CHECK constraint, from the contract's list (the list holds literals only). */
function oneOf(values: readonly string[]) {
  return sql.raw(`(${values.map((value) => `'${value}'`).join(', ')})`);
}

/** Generation parameters stored per site, in DeepSeek's wire names (validated where read, with zod). */
export type SiteGenerationSettings = Omit<GenerationSettings, 'model' | 'logprobs' | 'top_logprobs' | 'response_format'>;

/**
 * Per-site bot behaviour beyond the columns (model routing, A/B variants, reply cache, confidence
 * threshold, extra endpoints). Validated with zod where it is read; see docs/deepseek.md.
 */
export type SiteBotSettings = Record<string, unknown>;
/** Per-site sensitive-word policy overrides (normalisation switches, PII detectors, actions). */
export type SiteFilterPolicy = Record<string, unknown>;
/** Per-site handoff settings, validated with zod where they are read. */
export type SiteHandoffSettings = Record<string, unknown>;
/** Per-site business hours, validated with zod where they are read (contracts/admin-api.ts). */
export type SiteBusinessHours = Record<string, unknown>;

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Public key the widget embeds; identifies the site, grants nothing else. */
  widgetKey: text('widget_key').notNull().unique(),
  name: text('name').notNull(),
  /** Exact origins (`https://shop.example`) or `*`. */
  allowedOrigins: text('allowed_origins')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
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
  blockedWords: text('blocked_words')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  filterPolicy: jsonb('filter_policy').$type<SiteFilterPolicy>().notNull().default({}),
  botSettings: jsonb('bot_settings').$type<SiteBotSettings>().notNull().default({}),
  /** Handoff to a person: phrases, auto-assignment, caps, timeouts (zod schema in handoff/handoff-settings.ts). */
  handoffSettings: jsonb('handoff_settings').$type<SiteHandoffSettings>().notNull().default({}),
  /**
   * Signs and verifies visitor identity HMACs. Kept in the clear: the gateway recomputes the HMAC on
   * every identified handshake, so it must be readable; only admins read it, through the admin API.
   */
  identitySecret: text('identity_secret'),
  /** Weekly opening hours and time zone (zod schema in contracts/admin-api.ts); null: always open. */
  businessHours: jsonb('business_hours').$type<SiteBusinessHours>(),
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

/** Sensitive words: a site's own list, or the shared default list when `siteId` is null. */
export const siteWords = pgTable(
  'site_words',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    word: text('word').notNull(),
    category: text('category').$type<FilterCategoryName>().notNull(),
    /** An allow-list entry: shields the blocked words it contains (`assassin` vs `ass`). */
    allow: boolean('allow').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('site_words_site_word_uq').on(table.siteId, table.word).nullsNotDistinct(),
    check('site_words_category_check', sql`${table.category} in ${oneOf(FILTER_CATEGORIES)}`),
  ],
);

/** A refused (blocked) message leaves only this row: who, when, why; never the text. */
export const filterAudit = pgTable(
  'filter_audit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('filter_audit_site_idx').on(table.siteId, table.createdAt)],
);

export type SiteRow = typeof sites.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/**
 * People who answer conversations. `email` is unique whatever its case (the index is on `lower(email)`);
 * `disabledAt` set means the account can neither log in nor use a session it already had.
 */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** argon2id, PHC string format (algorithm, parameters and salt included). */
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<AgentRole>().notNull().default('agent'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('agents_email_lower_uq').on(sql`lower(${table.email})`),
    check('agents_role_check', sql`${table.role} in ${oneOf(AGENT_ROLES)}`),
  ],
);

/** The sites an agent belongs to: an agent (admins included) sees only these sites' conversations. */
export const agentSites = pgTable(
  'agent_sites',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.agentId, table.siteId] }), index('agent_sites_site_idx').on(table.siteId)],
);

/** Groups of agents a conversation can be routed or transferred to. */
export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.agentId] }), index('team_members_agent_idx').on(table.agentId)],
);

/**
 * One row per login. The signed token names its row (`sid`); a token is honoured only while its row
 * is neither revoked nor past `expiresAt`, so logout and disabling an agent take effect at once.
 */
export const agentSessions = pgTable(
  'agent_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Moved forward by each refresh, never past the session's absolute limit. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('agent_sessions_agent_idx').on(table.agentId)],
);

export type AgentRow = typeof agents.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
export type AgentSessionRow = typeof agentSessions.$inferSelect;

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

/** A site's canned replies: agents type `/shortcut` in the console; `{{visitor.name}}` and the like are filled in there. */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('canned_replies_site_shortcut_uq').on(table.siteId, table.shortcut)],
);

export type CannedReplyRow = typeof cannedReplies.$inferSelect;

/** One-time set-password links of invited agents: only a SHA-256 of the token is stored. */
export const agentPasswordTokens = pgTable('agent_password_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  agentId: uuid('agent_id')
    .notNull()
    .references(() => agents.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Where a site's webhooks go. The signing secret is stored AES-256-GCM encrypted under a key derived
 * from `WEBHOOK_SECRET_KEY` (src/webhooks/secret-box.ts); during a rotation the previous one signs too
 * until `previousSecretExpiresAt`.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** Event types it subscribes to (`message.created`, ...). */
    events: text('events').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    description: text('description').notNull().default(''),
    secretCiphertext: text('secret_ciphertext').notNull(),
    previousSecretCiphertext: text('previous_secret_ciphertext'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** Why delivery disabled it (`gone`: a 410; `failing`: failing for days); null when a person did. */
    disabledReason: text('disabled_reason'),
    /** First failed attempt since the last success; cleared by a success. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The outbox insert looks up a site's enabled endpoints on the message path: keep it an index probe.
  (table) => [
    index('webhook_endpoints_site_idx')
      .on(table.siteId)
      .where(sql`${table.enabled}`),
  ],
);

/** The outbox: one row per event, its payload built in the transaction that made the change. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** Also the `webhook-id` (`msg_<id without dashes>`), the same on every retry and replay. */
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** The conversation's `event_seq` at this event (0 for events about no conversation). */
    sequence: integer('sequence').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_events_conversation_idx').on(table.conversationId, table.sequence)],
);

/** One event for one endpoint: its state and schedule. Attempts are in `webhook_attempts`. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** `pending` (due at `nextAttemptAt`), `delivering` (leased until `leaseUntil`), `succeeded`, `failed`. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('webhook_deliveries_endpoint_idx').on(table.endpointId, table.createdAt),
    // The sweep: what is due or whose lease ran out.
    index('webhook_deliveries_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.status} in ('pending', 'delivering')`),
    check('webhook_deliveries_status_check', sql`${table.status} in ('pending', 'delivering', 'succeeded', 'failed')`),
  ],
);

/** Every HTTP attempt of a delivery, as a person reading the log needs it. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    /** Null when no response came (refused address, timeout, connection error). */
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    /** At most the first 4 KB of the response body. */
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_attempts_delivery_idx').on(table.deliveryId, table.attempt)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;

/**
 * An integration's OAuth 2.0 client (client credentials grant) on one site. Secrets are stored as
 * argon2id hashes only; during a rotation the previous secret stays valid until
 * `previous_secret_expires_at`.
 */
export const integrationClients = pgTable(
  'integration_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** The public `client_id` (`sbc_...`). */
    clientId: text('client_id').notNull().unique(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    previousSecretHash: text('previous_secret_hash'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    scopes: text('scopes').array().notNull(),
    /** CIDR ranges allowed to get and use tokens; empty: any address. */
    ipAllowlist: text('ip_allowlist')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('integration_clients_site_idx').on(table.siteId)],
);

export type IntegrationClientRow = typeof integrationClients.$inferSelect;

/** Visitors of the REST channel, known to the caller by its own id (a mail address, a phone number's hash). */
export const channelVisitors = pgTable(
  'channel_visitors',
  {
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.siteId, table.externalId] })],
);
