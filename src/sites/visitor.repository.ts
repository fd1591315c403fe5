import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { visitors } from '../db/schema.js';

export class VisitorRepository {
  constructor(private readonly db: Database) {}

  async create(siteId: string): Promise<string> {
    const [row] = await this.db.insert(visitors).values({ siteId }).returning({ id: visitors.id });
    return row!.id;
  }

  /** Marks a returning visitor as seen; false when the visitor does not exist (any more) on that site. */
  async touch(visitorId: string, siteId: string): Promise<boolean> {
    const rows = await this.db
      .update(visitors)
      .set({ lastSeenAt: new Date() })
      .where(and(eq(visitors.id, visitorId), eq(visitors.siteId, siteId)))
      .returning({ id: visitors.id });
    return rows.length > 0;
  }
}
