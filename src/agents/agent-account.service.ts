import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AgentView } from '../contracts/admin-api.js';
import { agentRoleSchema, type AgentRole } from '../contracts/enums.js';
import type { AgentRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { AgentRepository } from './agent.repository.js';
import type { AgentSessionRepository } from './agent-session.repository.js';
import { MAX_PASSWORD_LENGTH, type PasswordHasher } from './password-hasher.js';
import type { PasswordTokenRepository } from './password-token.repository.js';
import type { TeamRepository } from './team.repository.js';

/** How long an invitation's set-password token works. */
export const SET_PASSWORD_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;

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
  /** Team memberships (the admin API); optional for callers that only create accounts. */
  teams?: TeamRepository;
  /** Invitations' one-time set-password tokens (the admin API). */
  passwordTokens?: PasswordTokenRepository;
}

/** What the admin API may change on an account. `siteScope`: the sites the caller manages (all when undefined). */
export interface AgentUpdate {
  name?: string | undefined;
  role?: AgentRole | undefined;
  siteIds?: string[] | undefined;
  teamIds?: string[] | undefined;
  disabled?: boolean | undefined;
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

  /**
   * Invites a person: the account gets an unusable random password and a one-time token that
   * `setPassword` exchanges for the person's own password within {@link SET_PASSWORD_TOKEN_TTL_MS}.
   */
  async invite(input: {
    name: string;
    email: string;
    role: AgentRole;
    siteIds?: string[];
  }): Promise<{ agent: AgentRow; token: string; expiresAt: Date }> {
    const agent = await this.create({ ...input, password: randomBytes(32).toString('base64url') });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SET_PASSWORD_TOKEN_TTL_MS);
    await this.tokens().create(agent.id, token, expiresAt);
    return { agent, token, expiresAt };
  }

  /** Sets the password of an invited agent; `UNAUTHORIZED` for a used, expired or unknown token. */
  async setPassword(token: string, password: string): Promise<void> {
    const parsed = newAgentSchema.shape.password.parse(password);
    const agentId = await this.tokens().consume(token);
    if (!agentId) throw new AppError('UNAUTHORIZED', 'This set-password link is used, expired or unknown.');
    await this.deps.agents.setPasswordHash(agentId, await this.deps.hasher.hash(parsed));
    await this.deps.sessions.revokeAllFor(agentId);
  }

  /** Accounts with a membership in one of `siteScope` (every account when undefined), with sites and teams. */
  async list(siteScope?: readonly string[]): Promise<AgentView[]> {
    const rows = await this.deps.agents.list(siteScope);
    const sites = await this.deps.agents.siteIdsOf(rows.map((row) => row.id));
    const teamsOf = await this.teamRepository().allMembers();
    return rows.map((row) => toAgentView(row, sites.get(row.id) ?? [], teamsOf));
  }

  async view(agentId: string): Promise<AgentView> {
    const row = await this.deps.agents.findById(agentId);
    if (!row) throw new AppError('NOT_FOUND', 'No such agent.');
    return toAgentView(row, await this.deps.agents.siteIds(agentId), await this.teamRepository().allMembers());
  }

  /**
   * Changes an account. `siteIds` replaces its memberships among `siteScope` only (memberships of
   * sites the caller does not manage are kept). Disabling revokes its sessions at once.
   */
  async update(agentId: string, changes: AgentUpdate, siteScope?: readonly string[]): Promise<AgentView> {
    const row = await this.deps.agents.updateProfile(agentId, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
    });
    if (!row) throw new AppError('NOT_FOUND', 'No such agent.');
    if (changes.siteIds) {
      const wanted = new Set(changes.siteIds);
      const current = await this.deps.agents.siteIds(agentId);
      const managed = (id: string) => siteScope === undefined || siteScope.includes(id);
      await this.deps.agents.removeSites(
        agentId,
        current.filter((id) => managed(id) && !wanted.has(id)),
      );
      await this.deps.agents.addSites(
        agentId,
        changes.siteIds.filter((id) => !current.includes(id)),
      );
    }
    if (changes.teamIds) await this.teamRepository().setTeamsOf(agentId, changes.teamIds);
    if (changes.disabled === true) await this.disable(agentId);
    if (changes.disabled === false) await this.enable(agentId);
    return this.view(agentId);
  }

  private tokens(): PasswordTokenRepository {
    if (!this.deps.passwordTokens) throw new Error('AgentAccountService was built without password tokens');
    return this.deps.passwordTokens;
  }

  private teamRepository(): TeamRepository {
    if (!this.deps.teams) throw new Error('AgentAccountService was built without teams');
    return this.deps.teams;
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

function toAgentView(row: AgentRow, siteIds: string[], teamMembers: Map<string, string[]>): AgentView {
  const teamIds = [...teamMembers].filter(([, members]) => members.includes(row.id)).map(([teamId]) => teamId);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    disabled: row.disabledAt !== null,
    siteIds,
    teamIds,
    createdAt: row.createdAt.toISOString(),
  };
}
