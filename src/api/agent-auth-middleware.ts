import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { AgentAuthService } from '../agents/agent-auth.service.js';
import type { AuthenticatedAgent } from '../agents/authenticated-agent.js';
import { AppError } from '../errors/app-error.js';
import { parseCookies } from './cookies.js';
import type { CsrfTokens } from './csrf-token.js';

/** HttpOnly cookie holding the session token (the same token scripts send as a bearer). */
export const AGENT_SESSION_COOKIE = 'sb_agent_session';
/** Readable cookie holding the CSRF token; echo it in {@link CSRF_HEADER} on cookie-authenticated writes. */
export const CSRF_COOKIE = 'sb_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a request's session token came from: a bearer header needs no CSRF check, a cookie does. */
export interface AgentCredential {
  token: string;
  via: 'bearer' | 'cookie';
}

/** The session token of a request or handshake: `Authorization: Bearer` first, then the cookie. */
export function agentCredentialFrom(headers: IncomingHttpHeaders): AgentCredential | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = parseCookies(headers.cookie).get(AGENT_SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

/**
 * The token of a socket.io handshake: `auth.token` (scripts, `socket.io-client`), else the bearer
 * header or the session cookie (the console in a browser). The namespace must check Origin itself:
 * a browser sends the cookie on a cross-site WebSocket too.
 */
export function agentTokenFromHandshake(handshake: {
  auth?: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}): string | undefined {
  const fromAuth = handshake.auth?.token;
  if (typeof fromAuth === 'string' && fromAuth.length > 0) return fromAuth;
  return agentCredentialFrom(handshake.headers)?.token;
}

/**
 * Verifies a raw session token (HTTP or socket handshake alike): the agent with role and site ids,
 * or an `AppError` (`UNAUTHORIZED` when there is none or it is forged, `SESSION_EXPIRED`,
 * `SESSION_REVOKED`, `ACCOUNT_DISABLED`).
 */
export async function authenticateAgentToken(auth: AgentAuthService, token: string | undefined): Promise<AuthenticatedAgent> {
  if (!token) throw new AppError('UNAUTHORIZED', 'Log in first: no session token.');
  return auth.verifySession(token);
}

/**
 * Express middleware for agent routes: a live session by bearer token or cookie, and for cookie
 * sessions on anything but GET/HEAD/OPTIONS a matching CSRF token. The agent is then
 * {@link agentOf}(response).
 */
export function requireAgent(deps: { auth: AgentAuthService; csrf: CsrfTokens }): RequestHandler {
  return async (request, response, next) => {
    const credential = agentCredentialFrom(request.headers);
    const agent = await authenticateAgentToken(deps.auth, credential?.token);
    if (credential?.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const header = request.get(CSRF_HEADER);
      const cookie = parseCookies(request.headers.cookie).get(CSRF_COOKIE);
      if (!deps.csrf.matches(agent.sessionId, header, cookie)) {
        throw new AppError('FORBIDDEN', `Missing or wrong ${CSRF_HEADER} header for a cookie session.`);
      }
    }
    response.locals.agent = agent;
    next();
  };
}

/** The agent `requireAgent` authenticated for this request. */
export function agentOf(response: Response): AuthenticatedAgent {
  const agent = response.locals.agent as AuthenticatedAgent | undefined;
  if (!agent) throw new AppError('UNAUTHORIZED', 'Log in first.');
  return agent;
}
