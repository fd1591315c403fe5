import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { teamMembers, teams, type TeamRow } from '../db/schema.js';

/** Teams and who is in them. */
export class TeamRepository {
  constructor(private readonly db: Database) {}

  /** The new team, or undefined when the name is taken. */
  async create(name: string): Promise<TeamRow | undefined> {
    try {
      const [row] = await this.db.insert(teams).values({ name }).returning();
      return row!;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async findById(id: string): Promise<TeamRow | undefined> {
    const [row] = await this.db.select().from(teams).where(eq(teams.id, id)).limit(1);
    return row;
  }

  async list(): Promise<TeamRow[]> {
    return this.db.select().from(teams).orderBy(teams.name);
  }

  /** The renamed team; undefined when there is none; null when the name is taken. */
  async rename(id: string, name: string): Promise<TeamRow | null | undefined> {
    try {
      const [row] = await this.db.update(teams).set({ name }).where(eq(teams.id, id)).returning();
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id })).length > 0;
  }

  /** Members of every team, by team id. */
  async allMembers(): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>();
    for (const row of await this.db.select().from(teamMembers)) {
      members.set(row.teamId, [...(members.get(row.teamId) ?? []), row.agentId]);
    }
    return members;
  }

  /** Makes `teamIds` exactly the agent's teams. */
  async setTeamsOf(agentId: string, teamIds: readonly string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(teamMembers).where(eq(teamMembers.agentId, agentId));
      if (teamIds.length > 0) await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, agentId })));
    });
  }

  async addMember(teamId: string, agentId: string): Promise<void> {
    await this.db.insert(teamMembers).values({ teamId, agentId }).onConflictDoNothing();
  }

  async removeMember(teamId: string, agentId: string): Promise<void> {
    await this.db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.agentId, agentId)));
  }

  async memberIds(teamId: string): Promise<string[]> {
    const rows = await this.db.select({ agentId: teamMembers.agentId }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
    return rows.map((row) => row.agentId);
  }

  async teamIdsOf(agentId: string): Promise<string[]> {
    const rows = await this.db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.agentId, agentId));
    return rows.map((row) => row.teamId);
  }
}
