import { TeamService } from '../agents/team.service.js';
import type { AdminApiDeps } from '../api/admin-api-routes.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { CannedReplyRepository } from '../sites/canned-reply.repository.js';
import { CannedReplyService } from '../sites/canned-reply.service.js';
import { SiteAdminService } from '../sites/site-admin.service.js';
import { SiteRepository } from '../sites/site.repository.js';
import type { AgentAuthComponents } from './agent-auth.js';

/** The admin API's use cases over the process's Postgres pool (docs/admin-api.md). */
export function createAdminApi(deps: { db: Database; config: Config; agentAuth: AgentAuthComponents }): AdminApiDeps {
  return {
    adminApiToken: deps.config.security.adminApiToken,
    auth: deps.agentAuth.auth,
    csrf: deps.agentAuth.csrf,
    sites: new SiteAdminService(new SiteRepository(deps.db)),
    cannedReplies: new CannedReplyService(new CannedReplyRepository(deps.db)),
    accounts: deps.agentAuth.accounts,
    teams: new TeamService(deps.agentAuth.teams),
  };
}
