import { Router, type Request, type Response } from 'express';
import type { AgentAuthService, IssuedSession } from '../agents/agent-auth.service.js';
import type { AuthenticatedAgent } from '../agents/authenticated-agent.js';
import { loginRequestSchema, type MeResponse, type SessionResponse } from '../contracts/auth.js';
import { AGENT_SESSION_COOKIE, agentOf, CSRF_COOKIE, requireAgent } from './agent-auth-middleware.js';
import type { CsrfTokens } from './csrf-token.js';

export interface AuthRoutesDeps {
  auth: AgentAuthService;
  csrf: CsrfTokens;
  /** Mark cookies `Secure` even when the request looks like plain HTTP (TLS ends at a proxy). */
  secureCookies: boolean;
}

/**
 * `/api/auth`: `POST /login`, `POST /logout`, `POST /refresh`, `GET /me` (docs/agents.md). Login
 * answers the token in the body (bearer, for scripts) and sets it as an HttpOnly cookie (console).
 */
export function authRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const authenticated = requireAgent(deps);
  // Nothing here may be cached: the bodies carry tokens.
  router.use((_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    next();
  });

  router.post('/login', async (request, response) => {
    const { email, password } = loginRequestSchema.parse(request.body ?? {});
    const issued = await deps.auth.login({ email, password, ip: request.ip ?? request.socket.remoteAddress ?? 'unknown' });
    response.json(sendSession(request, response, deps, issued));
  });

  router.post('/refresh', authenticated, async (request, response) => {
    const issued = await deps.auth.refresh(agentOf(response).sessionId);
    response.json(sendSession(request, response, deps, issued));
  });

  router.post('/logout', authenticated, async (request, response) => {
    await deps.auth.logout(agentOf(response).sessionId);
    const options = { path: '/', secure: isSecure(request, deps), sameSite: 'lax' as const };
    response.clearCookie(AGENT_SESSION_COOKIE, { ...options, httpOnly: true });
    response.clearCookie(CSRF_COOKIE, options);
    response.status(204).end();
  });

  router.get('/me', authenticated, (_request, response) => {
    const agent = agentOf(response);
    const body: MeResponse = { agent: profile(agent), session: sessionInfo(agent) };
    response.json(body);
  });

  return router;
}

function sendSession(request: Request, response: Response, deps: AuthRoutesDeps, issued: IssuedSession): SessionResponse {
  const csrfToken = deps.csrf.issue(issued.agent.sessionId);
  const cookie = {
    path: '/',
    sameSite: 'lax' as const,
    secure: isSecure(request, deps),
    // The cookie ends with the token; a refresh sets both again.
    maxAge: Math.max(0, issued.agent.sessionExpiresAt.getTime() - Date.now()),
  };
  response.cookie(AGENT_SESSION_COOKIE, issued.token, { ...cookie, httpOnly: true });
  // Readable on purpose: the console copies it into the X-CSRF-Token header.
  response.cookie(CSRF_COOKIE, csrfToken, { ...cookie, httpOnly: false });
  return {
    agent: profile(issued.agent),
    session: sessionInfo(issued.agent),
    token: issued.token,
    tokenType: 'Bearer',
    csrfToken,
  };
}

function isSecure(request: Request, deps: AuthRoutesDeps): boolean {
  return deps.secureCookies || request.secure;
}

function profile(agent: AuthenticatedAgent): SessionResponse['agent'] {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, siteIds: [...agent.siteIds] };
}

function sessionInfo(agent: AuthenticatedAgent): SessionResponse['session'] {
  return { id: agent.sessionId, expiresAt: agent.sessionExpiresAt.toISOString() };
}
