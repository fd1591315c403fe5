import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { conversations, visitors, type VisitorRow } from '../db/schema.js';

/** What the page said about its visitor (`Switchboard.setUser` / `setAttributes`). */
export interface VisitorProfile {
  name?: string | undefined;
  email?: string | undefined;
  attributes?: Record<string, string | number | boolean> | undefined;
  pageUrl?: string | undefined;
  language?: string | undefined;
}

/** Most earlier conversations listed with a visitor. */
const PREVIOUS_CONVERSATIONS = 10;

/** The page fields, set whenever the handshake says. */
function pageOf(profile: VisitorProfile) {
  return {
    ...(profile.pageUrl !== undefined ? { pageUrl: profile.pageUrl } : {}),
    ...(profile.language !== undefined ? { language: profile.language } : {}),
  };
}

export class VisitorRepository {
  constructor(private readonly db: Database) {}

  async create(siteId: string, profile: VisitorProfile = {}): Promise<string> {
    const [row] = await this.db
      .insert(visitors)
      .values({
        siteId,
        name: profile.name ?? null,
        email: profile.email ?? null,
        attributes: profile.attributes ?? {},
        ...pageOf(profile),
      })
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
        ...pageOf(profile),
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
        ...pageOf(profile),
      })
      .onConflictDoUpdate({
        target: [visitors.siteId, visitors.externalUserId],
        targetWhere: sql`${visitors.externalUserId} IS NOT NULL`,
        set: {
          lastSeenAt: new Date(),
          name: sql`coalesce(excluded.name, ${visitors.name})`,
          email: sql`coalesce(excluded.email, ${visitors.email})`,
          attributes: sql`${visitors.attributes} || excluded.attributes`,
          pageUrl: sql`coalesce(excluded.page_url, ${visitors.pageUrl})`,
          language: sql`coalesce(excluded.language, ${visitors.language})`,
        },
      })
      .returning({ id: visitors.id });
    return row!.id;
  }

  /** The visitor of a site, with its other conversations (newest first); undefined if not on that site. */
  async details(
    visitorId: string,
    siteId: string,
    exceptConversationId: string,
  ): Promise<
    { visitor: VisitorRow; previous: Array<{ id: string; mode: string; createdAt: Date; updatedAt: Date }> } | undefined
  > {
    const [visitor] = await this.db
      .select()
      .from(visitors)
      .where(and(eq(visitors.id, visitorId), eq(visitors.siteId, siteId)));
    if (!visitor) return undefined;
    const previous = await this.db
      .select({
        id: conversations.id,
        mode: conversations.mode,
        createdAt: conversations.createdAt,
        updatedAt: conversations.updatedAt,
      })
      .from(conversations)
      .where(and(eq(conversations.visitorId, visitorId), ne(conversations.id, exceptConversationId)))
      .orderBy(desc(conversations.createdAt))
      .limit(PREVIOUS_CONVERSATIONS);
    return { visitor, previous };
  }
}
