import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { sites, type SiteRow } from '../db/schema.js';

export type NewSite = typeof sites.$inferInsert;

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

  async create(site: NewSite): Promise<SiteRow> {
    const [row] = await this.db.insert(sites).values(site).returning();
    return row!;
  }

  /** Creates the site unless one with the same widget key exists; returns the stored one either way. */
  async ensure(site: NewSite): Promise<SiteRow> {
    await this.db.insert(sites).values(site).onConflictDoNothing({ target: sites.widgetKey });
    return (await this.findByWidgetKey(site.widgetKey))!;
  }
}
