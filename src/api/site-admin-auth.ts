import type { RequestHandler } from 'express';
import type { AgentAuthService } from '../agents/agent-auth.service.js';
import { assertAdmin, assertSiteAccess } from '../agents/authenticated-agent.js';
import { AppError } from '../errors/app-error.js';
import { operatorTokenMatcher } from './admin-auth.js';
import { requireAgent } from './agent-auth-middleware.js';
import type { CsrfTokens } from './csrf-token.js';

/**
 * For routes under `/api/v1/sites/:siteId/...` a site's admins manage themselves: the operator's
 * `ADMIN_API_TOKEN` bearer, or the session of an admin agent who belongs to that site (bearer or
 * cookie with CSRF). Another site's id answers `NOT_FOUND`, like a site that does not exist.
 */
export function requireSiteAdmin(deps: {
  adminApiToken: string | undefined;
  auth: AgentAuthService;
  csrf: CsrfTokens;
}): RequestHandler {
  const isOperator = operatorTokenMatcher(deps.adminApiToken);
  const agentSession = requireAgent(deps);
  return async (request, response, next) => {
    if (isOperator(request)) {
      next();
      return;
    }
    await agentSession(request, response, (error?: unknown) => {
      if (error) throw error;
    });
    const agent = response.locals.agent as { role: 'admin' | 'agent'; siteIds: readonly string[] } | undefined;
    if (!agent) throw new AppError('UNAUTHORIZED', 'Log in first.');
    const siteId = String(request.params.siteId ?? '');
    assertSiteAccess(agent, siteId);
    assertAdmin(agent);
    next();
  };
}
