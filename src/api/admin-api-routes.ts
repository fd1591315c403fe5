import { Router } from 'express';
import type { AgentAccountService } from '../agents/agent-account.service.js';
import type { TeamService } from '../agents/team.service.js';
import { setPasswordSchema } from '../contracts/admin-api.js';
import type { CannedReplyService } from '../sites/canned-reply.service.js';
import type { SiteAdminService } from '../sites/site-admin.service.js';
import { requireAdminPrincipal, type AdminPrincipalDeps } from './admin-principal.js';
import { agentAdminRoutes } from './agent-admin-routes.js';
import { cannedReplyRoutes } from './canned-reply-routes.js';
import { siteAdminRoutes } from './site-admin-routes.js';
import { teamRoutes } from './team-routes.js';

/** The paths under `/api/v1/sites` this API serves. */
const SITE_PATHS = /^\/$|^\/[^/]+\/?$|^\/[^/]+\/(widget-key|identity-secret)\/rotate$|^\/[^/]+\/canned-replies(\/[^/]+)?$/;

/** What the admin API needs (docs/admin-api.md). */
export interface AdminApiDeps extends AdminPrincipalDeps {
  sites: SiteAdminService;
  cannedReplies: CannedReplyService;
  accounts: AgentAccountService;
  teams: TeamService;
}

/**
 * The admin API: `/api/v1/sites` (with canned replies), `/api/v1/agents`, `/api/v1/teams`, and
 * `POST /api/auth/set-password`. Mount it before other `/api/v1/sites/...` routers: it answers only
 * its own paths and passes the rest on.
 */
export function adminApiRoutes(deps: AdminApiDeps): Router {
  const router = Router();
  const principal = requireAdminPrincipal(deps);
  const sites = Router();
  // Authenticate only requests these routers answer; other /sites/... paths belong to other routers.
  sites.use((request, _response, next) => (SITE_PATHS.test(request.path) ? next() : next('router')));
  sites.use(principal, siteAdminRoutes(deps), cannedReplyRoutes(deps.cannedReplies));
  router.use('/api/v1/sites', sites);
  router.use('/api/v1/agents', principal, agentAdminRoutes(deps.accounts));
  router.use('/api/v1/teams', principal, teamRoutes(deps.teams));
  router.post('/api/auth/set-password', async (request, response) => {
    const { token, password } = setPasswordSchema.parse(request.body ?? {});
    await deps.accounts.setPassword(token, password);
    response.set('Cache-Control', 'no-store').status(204).end();
  });
  return router;
}
