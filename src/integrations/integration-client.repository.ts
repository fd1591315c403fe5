import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { integrationClients, type IntegrationClientRow } from '../db/schema.js';

export type NewIntegrationClient = Pick<
  IntegrationClientRow,
  'siteId' | 'clientId' | 'name' | 'secretHash' | 'scopes' | 'ipAllowlist'
>;

/** Integration clients in Postgres (only secret hashes, never secrets). */
export class IntegrationClientRepository {
  constructor(private readonly db: Database) {}

  async create(client: NewIntegrationClient): Promise<IntegrationClientRow> {
    const [row] = await this.db.insert(integrationClients).values(client).returning();
    return row!;
  }

  async listForSite(siteId: string): Promise<IntegrationClientRow[]> {
    return this.db
      .select()
      .from(integrationClients)
      .where(eq(integrationClients.siteId, siteId))
      .orderBy(desc(integrationClients.createdAt));
  }

  async findInSite(siteId: string, id: string): Promise<IntegrationClientRow | undefined> {
    const [row] = await this.db
      .select()
      .from(integrationClients)
      .where(and(eq(integrationClients.siteId, siteId), eq(integrationClients.id, id)));
    return row;
  }

  async findById(id: string): Promise<IntegrationClientRow | undefined> {
    const [row] = await this.db.select().from(integrationClients).where(eq(integrationClients.id, id));
    return row;
  }

  async findByClientId(clientId: string): Promise<IntegrationClientRow | undefined> {
    const [row] = await this.db.select().from(integrationClients).where(eq(integrationClients.clientId, clientId));
    return row;
  }

  async update(
    siteId: string,
    id: string,
    changes: Partial<
      Pick<
        IntegrationClientRow,
        'name' | 'scopes' | 'ipAllowlist' | 'secretHash' | 'previousSecretHash' | 'previousSecretExpiresAt'
      >
    >,
  ): Promise<IntegrationClientRow | undefined> {
    const [row] = await this.db
      .update(integrationClients)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(integrationClients.siteId, siteId), eq(integrationClients.id, id)))
      .returning();
    return row;
  }

  async delete(siteId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(integrationClients)
      .where(and(eq(integrationClients.siteId, siteId), eq(integrationClients.id, id)))
      .returning({ id: integrationClients.id });
    return rows.length > 0;
  }
}
