import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sites, visitors } from './sites.js';

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
