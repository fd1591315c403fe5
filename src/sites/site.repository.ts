import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { sites, type SiteRow } from '../db/schema.js';

export type NewSite = typeof sites.$inferInsert;
/** The columns an update may change (never the id). */
export type SiteChanges = Partial<Omit<NewSite, 'id' | 'createdAt'>>;

export class SiteRepository {
  constructor(private readonly db: Database) {}

  async findByWidgetKey(widgetKey: string): Promise<SiteRow | undefined> {
    const [site] = await this.db.select().from(sites).where(eq(sites.widgetKey, widgetKey)).limit(1);
    return site;
  }

  async findById(id: string): Promise<SiteRow | undefined> {
    const [site] = await this.db.select().from(sites).where(eq(sites.id, id)).limit(1);
    return site;
  }

  /** The given sites (every site when `ids` is undefined), by name. */
  async list(ids?: readonly string[]): Promise<SiteRow[]> {
    if (ids?.length === 0) return [];
    const query = this.db.select().from(sites);
    return (ids ? query.where(inArray(sites.id, [...ids])) : query).orderBy(asc(sites.name), asc(sites.id));
  }

  async create(site: NewSite): Promise<SiteRow> {
    const [row] = await this.db.insert(sites).values(site).returning();
    return row!;
  }

  /** The updated row, or undefined when there is no such site. */
  async update(id: string, changes: SiteChanges): Promise<SiteRow | undefined> {
    if (Object.keys(changes).length === 0) return this.findById(id);
    const [row] = await this.db.update(sites).set(changes).where(eq(sites.id, id)).returning();
    return row;
  }

  /** Deletes the site; its visitors, conversations, messages and settings go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(sites).where(eq(sites.id, id)).returning({ id: sites.id });
    return rows.length > 0;
  }

  /** Creates the site unless one with the same widget key exists; returns the stored one either way. */
  async ensure(site: NewSite): Promise<SiteRow> {
    await this.db.insert(sites).values(site).onConflictDoNothing({ target: sites.widgetKey });
    return (await this.findByWidgetKey(site.widgetKey))!;
  }
}
