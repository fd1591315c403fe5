import { AppError } from '../errors/app-error.js';
import type { AgentRepository } from './agent.repository.js';
import type { AgentSessionRepository, SessionWithAgent } from './agent-session.repository.js';
import type { AuthenticatedAgent } from './authenticated-agent.js';
import type { LoginAttemptLimiter } from './login-attempt.repository.js';
import type { PasswordHasher } from './password-hasher.js';
import { SessionTokenError, type SessionTokens } from './session-token.js';

/** Collaborators and settings of {@link AgentAuthService}. */
export interface AgentAuthServiceDeps {
  agents: AgentRepository;
  sessions: AgentSessionRepository;
  hasher: PasswordHasher;
  tokens: SessionTokens;
  limiter: LoginAttemptLimiter;
  /** Life of a token and of a session between refreshes. */
  sessionTtlMs: number;
  /** No refresh extends a session past this long after its login; default 12 hours. */
  sessionMaxLifetimeMs?: number;
  now?: () => number;
}

/** A login or refresh: the bearer token (also the cookie's value) and who it is for. */
export interface IssuedSession {
  token: string;
  agent: AuthenticatedAgent;
}

const WRONG_CREDENTIALS = 'Wrong e-mail or password.';

/**
 * Agent login, logout, refresh and session checks. A token is honoured only while its signature,
 * issuer, audience and `exp` hold AND its session row is neither revoked nor expired AND its agent
 * is not disabled; each refusal has its own stable code.
 */
export class AgentAuthService {
  private readonly maxLifetimeMs: number;
  private readonly now: () => number;

  constructor(private readonly deps: AgentAuthServiceDeps) {
    this.maxLifetimeMs = deps.sessionMaxLifetimeMs ?? 12 * 60 * 60 * 1000;
    this.now = deps.now ?? Date.now;
  }

  /**
   * Checks the password (argon2id; a dummy hash for unknown addresses, so timing does not tell which
   * accounts exist) under the per-account and per-IP budgets, then opens a session.
   */
  async login(credentials: { email: string; password: string; ip: string }): Promise<IssuedSession> {
    const email = credentials.email.trim().toLowerCase();
    await this.deps.limiter.attempt(email, credentials.ip);
    const agent = await this.deps.agents.findByEmail(email);
    const matches = agent
      ? await this.deps.hasher.verify(agent.passwordHash, credentials.password)
      : await this.deps.hasher.verifyDummy(credentials.password);
    if (!agent || !matches) throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS);
    await this.deps.limiter.succeeded(email, credentials.ip);
    // Only someone who knows the password learns that the account is disabled.
    if (agent.disabledAt) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');

    const expiresAt = new Date(this.now() + this.deps.sessionTtlMs);
    const session = await this.deps.sessions.create(agent.id, expiresAt);
    const token = await this.deps.tokens.sign({ agentId: agent.id, sessionId: session.id, expiresAt });
    return {
      token,
      agent: {
        id: agent.id,
        name: agent.name,
        email: agent.email,
        role: agent.role,
        siteIds: await this.deps.agents.siteIds(agent.id),
        sessionId: session.id,
        sessionExpiresAt: expiresAt,
      },
    };
  }

  /**
   * The agent behind a raw session token (from a cookie, a bearer header or a socket handshake).
   * Throws `UNAUTHORIZED` (malformed, forged, wrong issuer or audience, unknown session),
   * `SESSION_EXPIRED`, `SESSION_REVOKED` or `ACCOUNT_DISABLED`.
   */
  async verifySession(token: string): Promise<AuthenticatedAgent> {
    let claims;
    try {
      claims = await this.deps.tokens.verify(token);
    } catch (error) {
      if (!(error instanceof SessionTokenError)) throw error;
      if (error.reason === 'expired') throw new AppError('SESSION_EXPIRED', 'The session has expired; log in again.');
      throw new AppError('UNAUTHORIZED', 'The session token is not valid.');
    }
    return this.toAgent(await this.liveSession(claims.sessionId, claims.agentId));
  }

  /**
   * Re-reads a session already verified once (a socket's, on each event): a logout, a disabled
   * account or the session's end since then are refused with the same codes as `verifySession`.
   */
  async recheckSession(sessionId: string): Promise<AuthenticatedAgent> {
    return this.toAgent(await this.liveSession(sessionId));
  }

  /** Extends a live session by the TTL (capped at its absolute lifetime) and signs a new token. */
  async refresh(sessionId: string): Promise<IssuedSession> {
    const { session } = await this.liveSession(sessionId);
    const expiresAt = new Date(Math.min(this.now() + this.deps.sessionTtlMs, session.createdAt.getTime() + this.maxLifetimeMs));
    if (expiresAt.getTime() <= session.expiresAt.getTime()) {
      // At the absolute limit: nothing to extend; the current expiry stands.
      if (expiresAt.getTime() <= this.now()) throw new AppError('SESSION_EXPIRED', 'The session has expired; log in again.');
    } else if (!(await this.deps.sessions.extend(sessionId, expiresAt))) {
      // Revoked or expired between the check and the update: say which.
      await this.liveSession(sessionId);
      throw new AppError('SESSION_EXPIRED', 'The session has expired; log in again.');
    }
    const live = await this.liveSession(sessionId);
    const token = await this.deps.tokens.sign({ agentId: live.agent.id, sessionId, expiresAt: live.session.expiresAt });
    return { token, agent: this.toAgent(live) };
  }

  /** Revokes the session: every token naming it is refused from now on, on every process. */
  async logout(sessionId: string): Promise<void> {
    await this.deps.sessions.revoke(sessionId);
  }

  private async liveSession(sessionId: string, agentId?: string): Promise<SessionWithAgent> {
    const found = await this.deps.sessions.findWithAgent(sessionId);
    if (!found || (agentId !== undefined && found.agent.id !== agentId)) {
      throw new AppError('UNAUTHORIZED', 'The session token is not valid.');
    }
    if (found.agent.disabledAt) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
    if (found.session.revokedAt) throw new AppError('SESSION_REVOKED', 'The session has been logged out; log in again.');
    if (found.session.expiresAt.getTime() <= this.now()) {
      throw new AppError('SESSION_EXPIRED', 'The session has expired; log in again.');
    }
    return found;
  }

  private toAgent({ session, agent }: SessionWithAgent): AuthenticatedAgent {
    return {
      id: agent.id,
      name: agent.name,
      email: agent.email,
      role: agent.role,
      siteIds: agent.siteIds,
      sessionId: session.id,
      sessionExpiresAt: session.expiresAt,
    };
  }
}
