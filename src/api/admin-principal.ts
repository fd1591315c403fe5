import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { AgentAuthService } from '../agents/agent-auth.service.js';
import type { AuthenticatedAgent } from '../agents/authenticated-agent.js';
import { AppError } from '../errors/app-error.js';
import { operatorTokenMatcher } from './admin-auth.js';
import { requireAgent } from './agent-auth-middleware.js';
import type { CsrfTokens } from './csrf-token.js';

/**
 * Who calls the admin API: the operator (the bootstrap `ADMIN_API_TOKEN` bearer, every site) or an
 * agent session (its own sites only; changes need the admin role).
 */
export type AdminPrincipal = { kind: 'operator' } | { kind: 'agent'; agent: AuthenticatedAgent };

export interface AdminPrincipalDeps {
  adminApiToken: string | undefined;
  auth: AgentAuthService;
  csrf: CsrfTokens;
}

/** Authenticates an admin API request: the admin token, else an agent session (bearer, or cookie + CSRF). */
export function requireAdminPrincipal(deps: AdminPrincipalDeps): RequestHandler {
  const isOperator = operatorTokenMatcher(deps.adminApiToken);
  const agentSession = requireAgent(deps);
  return async (request, response, next) => {
    if (isOperator(request)) {
      response.locals.principal = { kind: 'operator' } satisfies AdminPrincipal;
      next();
      return;
    }
    await agentSession(request, response, (error?: unknown) => {
      if (error) throw error;
    });
    response.locals.principal = { kind: 'agent', agent: response.locals.agent as AuthenticatedAgent } satisfies AdminPrincipal;
    next();
  };
}

export function principalOf(response: Response): AdminPrincipal {
  const principal = response.locals.principal as AdminPrincipal | undefined;
  if (!principal) throw new AppError('UNAUTHORIZED', 'Log in first.');
  return principal;
}

/** The sites the caller may see; undefined means every site (the operator). */
export function siteScopeOf(principal: AdminPrincipal): readonly string[] | undefined {
  return principal.kind === 'operator' ? undefined : principal.agent.siteIds;
}

export function isManager(principal: AdminPrincipal): boolean {
  return principal.kind === 'operator' || principal.agent.role === 'admin';
}

/** `FORBIDDEN` unless the caller may change settings. */
export function assertManager(principal: AdminPrincipal): void {
  if (!isManager(principal)) throw new AppError('FORBIDDEN', 'Only an admin may change settings.');
}

/**
 * The site id of a route when the caller may see that site; `NOT_FOUND` otherwise, the same answer
 * as for a site that does not exist (another tenant's ids cannot be probed).
 */
export function visibleSiteId(principal: AdminPrincipal, raw: unknown): string {
  const parsed = z.uuid().safeParse(raw);
  const scope = siteScopeOf(principal);
  if (!parsed.success || (scope && !scope.includes(parsed.data))) throw new AppError('NOT_FOUND', 'No such site.');
  return parsed.data;
}

/** `NOT_FOUND` for site ids outside the caller's scope (so memberships cannot name other tenants' sites). */
export function assertSitesInScope(principal: AdminPrincipal, siteIds: readonly string[]): void {
  for (const siteId of siteIds) visibleSiteId(principal, siteId);
}

/**
 * For routers under `/api/v1/sites` whose first path segment is the site id (word lists, filter
 * policy): the operator, or an admin of that site. The shared `default` list stays the operator's.
 */
export function requireSiteManager(deps: AdminPrincipalDeps): RequestHandler {
  const authenticate = requireAdminPrincipal(deps);
  return async (request, response, next) => {
    await authenticate(request, response, (error?: unknown) => {
      if (error) throw error;
    });
    const principal = principalOf(response);
    if (principal.kind === 'agent') {
      visibleSiteId(principal, request.path.split('/')[1]);
      assertManager(principal);
    }
    next();
  };
}
