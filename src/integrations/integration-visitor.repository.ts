import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { IntegrationVisitor } from '../contracts/integration-resources.js';
import type { Database } from '../db/client.js';
import { channelVisitors, visitors } from '../db/schema.js';

/** Visitors of one site as the integration API reads them, with their REST-channel id when they have one. */
export class IntegrationVisitorRepository {
  constructor(private readonly db: Database) {}

  byId(siteId: string, visitorId: string): Promise<IntegrationVisitor | undefined> {
    return this.findOne(siteId, eq(visitors.id, visitorId));
  }

  byUserId(siteId: string, userId: string): Promise<IntegrationVisitor | undefined> {
    return this.findOne(siteId, eq(visitors.externalUserId, userId));
  }

  async byExternalId(siteId: string, externalId: string): Promise<IntegrationVisitor | undefined> {
    const [link] = await this.db
      .select({ visitorId: channelVisitors.visitorId })
      .from(channelVisitors)
      .where(and(eq(channelVisitors.siteId, siteId), eq(channelVisitors.externalId, externalId)));
    return link ? this.byId(siteId, link.visitorId) : undefined;
  }

  private async findOne(siteId: string, match: SQL): Promise<IntegrationVisitor | undefined> {
    const [row] = await this.db
      .select({
        visitor: visitors,
        // One channel id per visitor in practice (the channel makes a visitor per id); the oldest if ever more.
        externalId: sql<string | null>`(SELECT ${channelVisitors.externalId} FROM ${channelVisitors}
          WHERE ${channelVisitors.visitorId} = ${visitors.id} ORDER BY ${channelVisitors.createdAt} LIMIT 1)`,
      })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), match))
      .limit(1);
    if (!row) return undefined;
    const { visitor } = row;
    return {
      id: visitor.id,
      siteId: visitor.siteId,
      externalId: row.externalId,
      userId: visitor.externalUserId,
      verified: visitor.verified,
      name: visitor.name,
      email: visitor.email,
      attributes: visitor.attributes,
      pageUrl: visitor.pageUrl,
      language: visitor.language,
      createdAt: visitor.createdAt.toISOString(),
      lastSeenAt: visitor.lastSeenAt.toISOString(),
    };
  }
}
