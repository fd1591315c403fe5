import { and, asc, count, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { siteWords, sites, type SiteFilterPolicy } from '../db/schema.js';
import type { FilterCategory, WordEntry } from '../filter/index.js';

/** A site's id, or `null` for the shared default list every site's engine includes. */
export type WordListScope = string | null;

export interface WordRow {
  id: string;
  word: string;
  category: FilterCategory;
  allow: boolean;
  createdAt: Date;
}

/** What a site's engine is built from, besides the shared default list. */
export interface SiteFilterSource {
  /** The legacy `sites.blocked_words` column, read as `custom` words. */
  blockedWords: string[];
  filterPolicy: SiteFilterPolicy;
  words: WordEntry[];
}

/** Rows per INSERT: 3 parameters a row stays far below Postgres' 65,535 parameter limit. */
const INSERT_BATCH = 5000;

function inScope(scope: WordListScope): SQL {
  return scope === null ? isNull(siteWords.siteId) : eq(siteWords.siteId, scope);
}

const entryColumns = { word: siteWords.word, category: siteWords.category, allow: siteWords.allow };
const rowColumns = { id: siteWords.id, ...entryColumns, createdAt: siteWords.createdAt };

export class WordListRepository {
  constructor(private readonly db: Database) {}

  async siteExists(siteId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).limit(1);
    return row !== undefined;
  }

  /** The site's own words, legacy words and policy in one round trip; undefined for an unknown site. */
  async loadSiteSource(siteId: string): Promise<SiteFilterSource | undefined> {
    const result = await this.db.execute<{
      blocked_words: string[];
      filter_policy: SiteFilterPolicy;
      words: WordEntry[] | null;
    }>(sql`
      SELECT s.blocked_words, s.filter_policy,
             (SELECT json_agg(json_build_object('word', w.word, 'category', w.category, 'allow', w.allow))
                FROM ${siteWords} w WHERE w.site_id = s.id) AS words
        FROM ${sites} s
       WHERE s.id = ${siteId}`);
    const row = result.rows[0];
    return row && { blockedWords: row.blocked_words, filterPolicy: row.filter_policy, words: row.words ?? [] };
  }

  async loadEntries(scope: WordListScope): Promise<WordEntry[]> {
    return this.db.select(entryColumns).from(siteWords).where(inScope(scope));
  }

  /** One page in word order; `after` is the last word of the previous page. */
  async list(scope: WordListScope, page: { after?: string; limit: number }): Promise<WordRow[]> {
    const where = page.after === undefined ? inScope(scope) : and(inScope(scope), gt(siteWords.word, page.after));
    return this.db.select(rowColumns).from(siteWords).where(where).orderBy(asc(siteWords.word)).limit(page.limit);
  }

  async count(scope: WordListScope): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(siteWords).where(inScope(scope));
    return row?.n ?? 0;
  }

  /** Undefined when the list already has the word. */
  async add(scope: WordListScope, entry: WordEntry): Promise<WordRow | undefined> {
    try {
      const [row] = await this.db
        .insert(siteWords)
        .values({ siteId: scope, word: entry.word, category: entry.category, allow: entry.allow ?? false })
        .returning(rowColumns);
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async remove(scope: WordListScope, wordId: string): Promise<boolean> {
    const deleted = await this.db
      .delete(siteWords)
      .where(and(inScope(scope), eq(siteWords.id, wordId)))
      .returning({ id: siteWords.id });
    return deleted.length > 0;
  }

  /**
   * Writes many entries in one transaction: a word already in the list takes the imported category
   * and allow flag. With `replace`, words not in the import are deleted first.
   */
  async importEntries(scope: WordListScope, entries: readonly WordEntry[], replace: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (replace) await tx.delete(siteWords).where(inScope(scope));
      for (let from = 0; from < entries.length; from += INSERT_BATCH) {
        const batch = entries.slice(from, from + INSERT_BATCH).map((entry) => ({
          siteId: scope,
          word: entry.word,
          category: entry.category,
          allow: entry.allow ?? false,
        }));
        await tx
          .insert(siteWords)
          .values(batch)
          .onConflictDoUpdate({
            target: [siteWords.siteId, siteWords.word],
            set: { category: sql`excluded.category`, allow: sql`excluded.allow` },
          });
      }
    });
  }

  async exportEntries(scope: WordListScope): Promise<WordEntry[]> {
    return this.db.select(entryColumns).from(siteWords).where(inScope(scope)).orderBy(asc(siteWords.word));
  }

  /** False for an unknown site. */
  async setFilterPolicy(siteId: string, policy: SiteFilterPolicy): Promise<boolean> {
    const updated = await this.db
      .update(sites)
      .set({ filterPolicy: policy })
      .where(eq(sites.id, siteId))
      .returning({ id: sites.id });
    return updated.length > 0;
  }

  async getFilterPolicy(siteId: string): Promise<SiteFilterPolicy | undefined> {
    const [row] = await this.db.select({ policy: sites.filterPolicy }).from(sites).where(eq(sites.id, siteId)).limit(1);
    return row?.policy;
  }
}
