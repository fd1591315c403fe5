import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { FILTER_CATEGORIES, type FilterCategoryName } from '../../contracts/enums.js';
import { oneOf } from './check-constraints.js';
import { conversations } from './conversations.js';
import { sites } from './sites.js';

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
