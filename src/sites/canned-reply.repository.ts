import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { cannedReplies, type CannedReplyRow } from '../db/schema.js';

/** A site's canned replies. */
export class CannedReplyRepository {
  constructor(private readonly db: Database) {}

  async list(siteId: string): Promise<CannedReplyRow[]> {
    return this.db.select().from(cannedReplies).where(eq(cannedReplies.siteId, siteId)).orderBy(asc(cannedReplies.shortcut));
  }

  /** The new row, or undefined when the site already has that shortcut. */
  async create(siteId: string, reply: { shortcut: string; text: string }): Promise<CannedReplyRow | undefined> {
    try {
      const [row] = await this.db
        .insert(cannedReplies)
        .values({ siteId, ...reply })
        .returning();
      return row!;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** `null`: no such reply on that site; undefined: the shortcut is taken. */
  async update(
    siteId: string,
    id: string,
    reply: { shortcut: string; text: string },
  ): Promise<CannedReplyRow | null | undefined> {
    try {
      const [row] = await this.db
        .update(cannedReplies)
        .set({ ...reply, updatedAt: sql`now()` })
        .where(and(eq(cannedReplies.siteId, siteId), eq(cannedReplies.id, id)))
        .returning();
      return row ?? null;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async delete(siteId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(cannedReplies)
      .where(and(eq(cannedReplies.siteId, siteId), eq(cannedReplies.id, id)))
      .returning({ id: cannedReplies.id });
    return rows.length > 0;
  }
}
