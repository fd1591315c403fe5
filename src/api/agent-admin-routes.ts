import { Router } from 'express';
import { z } from 'zod';
import type { AgentAccountService } from '../agents/agent-account.service.js';
import { createAgentSchema, updateAgentSchema, type AgentView } from '../contracts/admin-api.js';
import { AppError } from '../errors/app-error.js';
import { assertManager, assertSitesInScope, principalOf, siteScopeOf, type AdminPrincipal } from './admin-principal.js';

const agentId = z.uuid();

/**
 * `/api/v1/agents` (admins): list, invite or create, change role, sites, teams, disable. An admin
 * sees and manages the accounts of its own sites and can grant only those sites.
 */
export function agentAdminRoutes(accounts: AgentAccountService): Router {
  const router = Router();
  router.use((_request, response, next) => {
    assertManager(principalOf(response));
    next();
  });

  router.get('/', async (_request, response) => {
    response.json({ agents: await accounts.list(siteScopeOf(principalOf(response))) });
  });

  router.post('/', async (request, response) => {
    const principal = principalOf(response);
    const body = createAgentSchema.parse(request.body ?? {});
    assertSitesInScope(principal, body.siteIds);
    // An admin's new colleague must share a site with it, or the admin could never see the account again.
    if (principal.kind === 'agent' && body.siteIds.length === 0) {
      throw new AppError('BAD_REQUEST', 'Invalid payload. siteIds: name at least one of your sites.');
    }
    const { password, teamIds, ...account } = body;
    if (password !== undefined) {
      const agent = await accounts.create({ ...account, password });
      const view = await accounts.update(agent.id, { teamIds });
      response.status(201).json({ agent: view });
      return;
    }
    const invited = await accounts.invite(account);
    const view = await accounts.update(invited.agent.id, { teamIds });
    response
      .status(201)
      .json({ agent: view, setPasswordToken: invited.token, setPasswordExpiresAt: invited.expiresAt.toISOString() });
  });

  router.get('/:agentId', async (request, response) => {
    response.json({ agent: await visibleAgent(accounts, principalOf(response), request.params.agentId) });
  });

  router.patch('/:agentId', async (request, response) => {
    const principal = principalOf(response);
    const agent = await visibleAgent(accounts, principal, request.params.agentId);
    const changes = updateAgentSchema.parse(request.body ?? {});
    if (changes.siteIds) assertSitesInScope(principal, changes.siteIds);
    if (
      principal.kind === 'agent' &&
      agent.id === principal.agent.id &&
      (changes.disabled === true || changes.role === 'agent')
    ) {
      throw new AppError('BAD_REQUEST', 'You cannot disable yourself or take away your own admin role.');
    }
    response.json({ agent: await accounts.update(agent.id, changes, siteScopeOf(principal)) });
  });

  return router;
}

/** The account when it shares a site with the caller; `NOT_FOUND` otherwise. */
async function visibleAgent(accounts: AgentAccountService, principal: AdminPrincipal, raw: unknown): Promise<AgentView> {
  const parsed = agentId.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such agent.');
  const agent = await accounts.view(parsed.data);
  const scope = siteScopeOf(principal);
  if (scope && !agent.siteIds.some((siteId) => scope.includes(siteId))) throw new AppError('NOT_FOUND', 'No such agent.');
  return agent;
}
