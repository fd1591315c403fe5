import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { GenerationSettings } from '../../llm/llm-types.js';

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
   * Signs and verifies visitor identity HMACs. Kept in the clear: identity verification (issue 14) recomputes
   * the HMAC on every identified handshake, so it must be readable; only admins read it, through the admin API.
   */
  identitySecret: text('identity_secret'),
  /** First bot bubble in the widget (not stored as a message); null: the widget's default text. */
  greeting: text('greeting'),
  /** Up to 4 short first questions the widget offers as buttons before the first message. */
  suggestedQuestions: text('suggested_questions')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Weekly opening hours and time zone (zod schema in contracts/admin-api.ts); null: always open. */
  businessHours: jsonb('business_hours').$type<SiteBusinessHours>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const visitors = pgTable(
  'visitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The site's own user id, set only for a verified identity (`Switchboard.setUser` with a valid hash). */
    externalUserId: text('external_user_id'),
    /** Name and e-mail the page gave; `verified` says whether they came with a valid identity hash. */
    name: text('name'),
    email: text('email'),
    verified: boolean('verified').notNull().default(false),
    /** The page the visitor chatted from last, and their browser's language (shown to agents). */
    pageUrl: text('page_url'),
    language: text('language'),
    /** `Switchboard.setAttributes(...)`: shown to agents, never used to identify anyone. */
    attributes: jsonb('attributes').$type<Record<string, string | number | boolean>>().notNull().default({}),
  },
  (table) => [
    uniqueIndex('visitors_site_user_idx')
      .on(table.siteId, table.externalUserId)
      .where(sql`${table.externalUserId} IS NOT NULL`),
  ],
);

export type VisitorRow = typeof visitors.$inferSelect;
export type SiteRow = typeof sites.$inferSelect;
