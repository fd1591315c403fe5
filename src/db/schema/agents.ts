import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { AGENT_ROLES, type AgentRole } from '../../contracts/enums.js';
import { oneOf } from './check-constraints.js';
import { sites } from './sites.js';

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
