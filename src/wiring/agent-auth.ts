import type { AgentDirectory } from '../conversations/agent-conversation.service.js';
import type { Redis } from 'ioredis';
import { AgentAccountService } from '../agents/agent-account.service.js';
import { AgentAuthService } from '../agents/agent-auth.service.js';
import { AgentRepository } from '../agents/agent.repository.js';
import { AgentSessionRepository } from '../agents/agent-session.repository.js';
import { LoginAttemptLimiter } from '../agents/login-attempt.repository.js';
import { PasswordHasher } from '../agents/password-hasher.js';
import { PasswordTokenRepository } from '../agents/password-token.repository.js';
import { SessionTokens } from '../agents/session-token.js';
import { TeamRepository } from '../agents/team.repository.js';
import { CsrfTokens } from '../api/csrf-token.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';

/** Everything agent sign-in needs, built once per process from the config. */
export interface AgentAuthComponents {
  /** Login, logout, refresh; `verifySession(token)` at a handshake, `recheckSession(id)` per event. */
  auth: AgentAuthService;
  accounts: AgentAccountService;
  agents: AgentRepository;
  teams: TeamRepository;
  csrf: CsrfTokens;
  /** Cookies always `Secure` when the public URL is https (TLS may end at a proxy). */
  secureCookies: boolean;
}

/** Builds the agent auth components over the process's Postgres pool and Redis connection. */
export function createAgentAuth(deps: { db: Database; redis: Redis; config: Config }): AgentAuthComponents {
  const { config } = deps;
  const agents = new AgentRepository(deps.db);
  const sessions = new AgentSessionRepository(deps.db);
  const hasher = new PasswordHasher();
  const auth = new AgentAuthService({
    agents,
    sessions,
    hasher,
    tokens: new SessionTokens(config.agents.sessionSecret),
    limiter: new LoginAttemptLimiter(deps.redis, config.redis.prefix, {
      perAccountPerMinute: config.agents.loginPerAccountPerMinute,
      perIpPerMinute: config.agents.loginPerIpPerMinute,
    }),
    sessionTtlMs: config.agents.sessionTtlMinutes * 60_000,
  });
  const teams = new TeamRepository(deps.db);
  return {
    auth,
    accounts: new AgentAccountService({ agents, sessions, hasher, teams, passwordTokens: new PasswordTokenRepository(deps.db) }),
    agents,
    teams,
    csrf: new CsrfTokens(config.agents.sessionSecret),
    secureCookies: config.http.publicUrl?.startsWith('https:') ?? false,
  };
}

/** The agents domain, as the conversations domain asks for it. */
export function agentDirectory(agentAuth: AgentAuthComponents): AgentDirectory {
  return {
    findActiveAgent: async (agentId) => {
      const agent = await agentAuth.agents.findById(agentId);
      if (!agent || agent.disabledAt) return undefined;
      return { id: agent.id, name: agent.name, siteIds: await agentAuth.agents.siteIds(agent.id) };
    },
    teamExists: async (teamId) => (await agentAuth.teams.findById(teamId)) !== undefined,
  };
}
