import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { agents, agentSites, type AgentRow } from '../db/schema.js';

/** What creating an account takes; the password arrives here already hashed. */
export type NewAgent = Pick<typeof agents.$inferInsert, 'name' | 'email' | 'passwordHash' | 'role'>;

/** Agent accounts and the sites each belongs to. */
export class AgentRepository {
  constructor(private readonly db: Database) {}

  /** The new row, or undefined when an account with that e-mail (in any case) exists. */
  async create(agent: NewAgent): Promise<AgentRow | undefined> {
    try {
      const [row] = await this.db.insert(agents).values(agent).returning();
      return row!;
    } catch (error) {
      if (isUniqueViolation(error, 'agents_email_lower_uq')) return undefined;
      throw error;
    }
  }

  /** Case-insensitive, served by the `lower(email)` unique index. */
  async findByEmail(email: string): Promise<AgentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(agents)
      .where(sql`lower(${agents.email}) = lower(${email})`)
      .limit(1);
    return row;
  }

  async findById(id: string): Promise<AgentRow | undefined> {
    const [row] = await this.db.select().from(agents).where(eq(agents.id, id)).limit(1);
    return row;
  }

  /** Sets or clears `disabled_at`; undefined when there is no such agent. */
  async setDisabled(id: string, disabled: boolean): Promise<AgentRow | undefined> {
    const [row] = await this.db
      .update(agents)
      .set({ disabledAt: disabled ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(agents.id, id))
      .returning();
    return row;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db
      .update(agents)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(agents.id, id));
  }

  /** Adds site memberships; ones the agent already has are kept as they are. */
  async addSites(agentId: string, siteIds: readonly string[]): Promise<void> {
    if (siteIds.length === 0) return;
    await this.db
      .insert(agentSites)
      .values(siteIds.map((siteId) => ({ agentId, siteId })))
      .onConflictDoNothing();
  }

  async removeSites(agentId: string, siteIds: readonly string[]): Promise<void> {
    if (siteIds.length === 0) return;
    await this.db.delete(agentSites).where(and(eq(agentSites.agentId, agentId), inArray(agentSites.siteId, [...siteIds])));
  }

  /** Every account (`siteIds` undefined) or those belonging to at least one of `siteIds`, by name. */
  async list(siteIds?: readonly string[]): Promise<AgentRow[]> {
    if (siteIds?.length === 0) return [];
    const query = this.db.select().from(agents);
    const filtered = siteIds
      ? query.where(
          inArray(
            agents.id,
            this.db
              .select({ id: agentSites.agentId })
              .from(agentSites)
              .where(inArray(agentSites.siteId, [...siteIds])),
          ),
        )
      : query;
    return filtered.orderBy(agents.name, agents.id);
  }

  /** Site memberships of many agents at once. */
  async siteIdsOf(agentIds: readonly string[]): Promise<Map<string, string[]>> {
    const bySite = new Map<string, string[]>(agentIds.map((id) => [id, []]));
    if (agentIds.length === 0) return bySite;
    const rows = await this.db
      .select()
      .from(agentSites)
      .where(inArray(agentSites.agentId, [...agentIds]))
      .orderBy(agentSites.siteId);
    for (const row of rows) bySite.get(row.agentId)?.push(row.siteId);
    return bySite;
  }

  /** Changes name and role; undefined when there is no such agent. */
  async updateProfile(id: string, changes: Partial<Pick<AgentRow, 'name' | 'role'>>): Promise<AgentRow | undefined> {
    const [row] = await this.db
      .update(agents)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(agents.id, id))
      .returning();
    return row;
  }

  async siteIds(agentId: string): Promise<string[]> {
    const rows = await this.db
      .select({ siteId: agentSites.siteId })
      .from(agentSites)
      .where(eq(agentSites.agentId, agentId))
      .orderBy(agentSites.siteId);
    return rows.map((row) => row.siteId);
  }
}
