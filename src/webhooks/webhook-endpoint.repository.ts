import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { webhookEndpoints, type WebhookEndpointRow } from '../db/schema.js';

export interface NewWebhookEndpoint {
  id: string;
  siteId: string;
  url: string;
  events: string[];
  enabled: boolean;
  description: string;
  secretCiphertext: string;
}

export type WebhookEndpointChanges = Partial<
  Pick<
    WebhookEndpointRow,
    | 'url'
    | 'events'
    | 'enabled'
    | 'description'
    | 'secretCiphertext'
    | 'previousSecretCiphertext'
    | 'previousSecretExpiresAt'
    | 'disabledReason'
  >
>;

/** A site's webhook endpoints. Every query is scoped to the site, so ids of other sites' endpoints do nothing. */
export class WebhookEndpointRepository {
  constructor(private readonly db: Database) {}

  async create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRow> {
    const [row] = await this.db.insert(webhookEndpoints).values(endpoint).returning();
    return row!;
  }

  async countForSite(siteId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.siteId, siteId));
    return row?.n ?? 0;
  }

  async list(siteId: string): Promise<WebhookEndpointRow[]> {
    return this.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.siteId, siteId))
      .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  }

  async find(siteId: string, id: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = await this.db
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.siteId, siteId), eq(webhookEndpoints.id, id)));
    return row;
  }

  /** By id alone: for delivery, which has the id from its own row. */
  async findById(id: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    return row;
  }

  async update(siteId: string, id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpointRow | undefined> {
    // Enabling again by hand clears why delivery had disabled it, and the failure clock with it.
    const reenabled = changes.enabled === true ? { disabledReason: null, failingSince: null } : {};
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({ ...changes, ...reenabled, updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.siteId, siteId), eq(webhookEndpoints.id, id)))
      .returning();
    return row;
  }

  async delete(siteId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.siteId, siteId), eq(webhookEndpoints.id, id)))
      .returning({ id: webhookEndpoints.id });
    return rows.length > 0;
  }

  /** Disables an endpoint delivery gave up on (`gone`: it answered 410; `failing`: failing for days). */
  async disable(id: string, reason: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: reason, updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.enabled, true)))
      .returning();
    return row;
  }

  /** A failed attempt starts the failure clock if it is not running; returns when it started. */
  async markFailing(id: string): Promise<Date | undefined> {
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
      .where(eq(webhookEndpoints.id, id))
      .returning({ failingSince: webhookEndpoints.failingSince });
    return row?.failingSince ?? undefined;
  }

  async markHealthy(id: string): Promise<void> {
    await this.db
      .update(webhookEndpoints)
      .set({ failingSince: null })
      .where(and(eq(webhookEndpoints.id, id), sql`${webhookEndpoints.failingSince} IS NOT NULL`));
  }
}
