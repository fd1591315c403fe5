import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AgentRole } from '../contracts/enums.js';
import type { Database } from '../db/client.js';
import { agents, agentSessions, agentSites, type AgentSessionRow } from '../db/schema.js';

/** A session row with what a check needs about its agent, read in one query. */
export interface SessionWithAgent {
  session: AgentSessionRow;
  agent: { id: string; name: string; email: string; role: AgentRole; disabledAt: Date | null; siteIds: string[] };
}

/** Agent session rows: created at login, extended by refresh, revoked by logout or disabling. */
export class AgentSessionRepository {
  constructor(private readonly db: Database) {}

  async create(agentId: string, expiresAt: Date): Promise<AgentSessionRow> {
    const [row] = await this.db.insert(agentSessions).values({ agentId, expiresAt }).returning();
    return row!;
  }

  /** The session, its agent and the agent's site ids; undefined when there is no such session. */
  async findWithAgent(sessionId: string): Promise<SessionWithAgent | undefined> {
    const [row] = await this.db
      .select({
        session: agentSessions,
        agent: {
          id: agents.id,
          name: agents.name,
          email: agents.email,
          role: agents.role,
          disabledAt: agents.disabledAt,
          // text[]: node-postgres parses text arrays; the ids are uuids either way.
          siteIds: sql<
            string[]
          >`coalesce((select array_agg(${agentSites.siteId}::text order by ${agentSites.siteId}) from ${agentSites} where ${agentSites.agentId} = ${agents.id}), '{}'::text[])`,
        },
      })
      .from(agentSessions)
      .innerJoin(agents, eq(agents.id, agentSessions.agentId))
      .where(eq(agentSessions.id, sessionId))
      .limit(1);
    return row;
  }

  /** Moves a live session's expiry; undefined when it is revoked or already expired. */
  async extend(sessionId: string, expiresAt: Date): Promise<AgentSessionRow | undefined> {
    const [row] = await this.db
      .update(agentSessions)
      .set({ expiresAt })
      .where(and(eq(agentSessions.id, sessionId), isNull(agentSessions.revokedAt), gt(agentSessions.expiresAt, sql`now()`)))
      .returning();
    return row;
  }

  /** Revokes one session (idempotent: the first revocation time is kept). */
  async revoke(sessionId: string): Promise<void> {
    await this.db
      .update(agentSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(agentSessions.id, sessionId), isNull(agentSessions.revokedAt)));
  }

  /** Revokes every session of an agent; returns how many were still open. */
  async revokeAllFor(agentId: string): Promise<number> {
    const rows = await this.db
      .update(agentSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(agentSessions.agentId, agentId), isNull(agentSessions.revokedAt)))
      .returning({ id: agentSessions.id });
    return rows.length;
  }
}
