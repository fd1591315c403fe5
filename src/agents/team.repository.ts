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
