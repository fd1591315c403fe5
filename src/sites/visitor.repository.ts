import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { visitors } from '../db/schema.js';

/** What the page said about its visitor (`Switchboard.setUser` / `setAttributes`). */
export interface VisitorProfile {
  name?: string | undefined;
  email?: string | undefined;
  attributes?: Record<string, string | number | boolean> | undefined;
}

export class VisitorRepository {
  constructor(private readonly db: Database) {}

  async create(siteId: string, profile: VisitorProfile = {}): Promise<string> {
    const [row] = await this.db
      .insert(visitors)
      .values({ siteId, name: profile.name ?? null, email: profile.email ?? null, attributes: profile.attributes ?? {} })
      .returning({ id: visitors.id });
    return row!.id;
  }

  /**
   * Marks a returning visitor as seen (and keeps what the page says about it now); false when the
   * visitor does not exist (any more) on that site. A verified visitor's name and e-mail are not
   * overwritten by an unverified page.
   */
  async touch(visitorId: string, siteId: string, profile: VisitorProfile = {}): Promise<boolean> {
    const rows = await this.db
      .update(visitors)
      .set({
        lastSeenAt: new Date(),
        ...(profile.name !== undefined
          ? { name: sql`CASE WHEN ${visitors.verified} THEN ${visitors.name} ELSE ${profile.name} END` }
          : {}),
        ...(profile.email !== undefined
          ? { email: sql`CASE WHEN ${visitors.verified} THEN ${visitors.email} ELSE ${profile.email} END` }
          : {}),
        ...(profile.attributes
          ? { attributes: sql`${visitors.attributes} || ${JSON.stringify(profile.attributes)}::jsonb` }
          : {}),
      })
      .where(and(eq(visitors.id, visitorId), eq(visitors.siteId, siteId)))
      .returning({ id: visitors.id });
    return rows.length > 0;
  }

  /**
   * The visitor of a verified site user, created on first sight; name, e-mail and attributes are the
   * page's latest. One statement, so two devices connecting at once end up with the same visitor.
   */
  async upsertVerified(siteId: string, externalUserId: string, profile: VisitorProfile): Promise<string> {
    const [row] = await this.db
      .insert(visitors)
      .values({
        siteId,
        externalUserId,
        verified: true,
        name: profile.name ?? null,
        email: profile.email ?? null,
        attributes: profile.attributes ?? {},
      })
      .onConflictDoUpdate({
        target: [visitors.siteId, visitors.externalUserId],
        targetWhere: sql`${visitors.externalUserId} IS NOT NULL`,
        set: {
          lastSeenAt: new Date(),
          name: sql`coalesce(excluded.name, ${visitors.name})`,
          email: sql`coalesce(excluded.email, ${visitors.email})`,
          attributes: sql`${visitors.attributes} || excluded.attributes`,
        },
      })
      .returning({ id: visitors.id });
    return row!.id;
  }
}
