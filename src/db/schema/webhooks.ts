import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations } from './conversations.js';
import { sites } from './sites.js';

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
