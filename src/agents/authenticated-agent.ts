import type { AgentRole } from '../contracts/enums.js';
import { AppError } from '../errors/app-error.js';

/** Who is behind a live session: what routes and socket handlers may rely on. */
export interface AuthenticatedAgent {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  /** The sites this agent belongs to; admins are no exception (see docs/agents.md). */
  siteIds: readonly string[];
  sessionId: string;
  /** When the session ends unless refreshed. */
  sessionExpiresAt: Date;
}

/** True when the agent belongs to the site. */
export function canAccessSite(agent: Pick<AuthenticatedAgent, 'siteIds'>, siteId: string): boolean {
  return agent.siteIds.includes(siteId);
}

/**
 * Refuses a site the agent does not belong to with `NOT_FOUND`, the same answer as for a site that
 * does not exist, so ids of other tenants' sites cannot be probed.
 */
export function assertSiteAccess(agent: Pick<AuthenticatedAgent, 'siteIds'>, siteId: string): void {
  if (!canAccessSite(agent, siteId)) throw new AppError('NOT_FOUND', 'No such site.');
}

/** Refuses anyone but an admin with `FORBIDDEN`. */
export function assertAdmin(agent: Pick<AuthenticatedAgent, 'role'>): void {
  if (agent.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin may do this.');
}
