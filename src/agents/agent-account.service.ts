import { z } from 'zod';
import { agentRoleSchema, type AgentRole } from '../contracts/enums.js';
import type { AgentRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { AgentRepository } from './agent.repository.js';
import type { AgentSessionRepository } from './agent-session.repository.js';
import { MAX_PASSWORD_LENGTH, type PasswordHasher } from './password-hasher.js';

/** Shortest password accepted for a new account (NIST SP 800-63B's floor for chosen passwords). */
export const MIN_PASSWORD_LENGTH = 8;

const newAgentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  role: agentRoleSchema,
  siteIds: z.array(z.uuid()).default([]),
});

/** Collaborators of {@link AgentAccountService}. */
export interface AgentAccountServiceDeps {
  agents: AgentRepository;
  sessions: AgentSessionRepository;
  hasher: PasswordHasher;
}

/** Managing accounts: create, disable and enable, site membership. */
export class AgentAccountService {
  constructor(private readonly deps: AgentAccountServiceDeps) {}

  /** Creates an account with an argon2id hash of its password; `CONFLICT` when the e-mail is taken. */
  async create(input: { name: string; email: string; password: string; role: AgentRole; siteIds?: string[] }): Promise<AgentRow> {
    const agent = newAgentSchema.parse(input);
    const created = await this.deps.agents.create({
      name: agent.name,
      email: agent.email,
      passwordHash: await this.deps.hasher.hash(agent.password),
      role: agent.role,
    });
    if (!created) throw new AppError('CONFLICT', 'An agent with this e-mail address exists.');
    await this.deps.agents.addSites(created.id, agent.siteIds);
    return created;
  }

  /** Disables the account and revokes every session it holds, at once. */
  async disable(agentId: string): Promise<void> {
    if (!(await this.deps.agents.setDisabled(agentId, true))) throw new AppError('NOT_FOUND', 'No such agent.');
    await this.deps.sessions.revokeAllFor(agentId);
  }

  async enable(agentId: string): Promise<void> {
    if (!(await this.deps.agents.setDisabled(agentId, false))) throw new AppError('NOT_FOUND', 'No such agent.');
  }

  async grantSites(agentId: string, siteIds: readonly string[]): Promise<void> {
    await this.deps.agents.addSites(agentId, siteIds);
  }

  async revokeSites(agentId: string, siteIds: readonly string[]): Promise<void> {
    await this.deps.agents.removeSites(agentId, siteIds);
  }
}
