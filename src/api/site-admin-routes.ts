import { Router } from 'express';
import type { z } from 'zod';
import type { AgentAccountService } from '../agents/agent-account.service.js';
import { botSettingsSchema } from '../bot/bot-settings.js';
import { createSiteSchema, deleteSiteSchema, updateSiteSchema, type SiteView } from '../contracts/admin-api.js';
import { AppError } from '../errors/app-error.js';
import { handoffSettingsSchema } from '../handoff/handoff-settings.js';
import { toSiteView, type SiteAdminService } from '../sites/site-admin.service.js';
import type { SiteRow } from '../db/schema.js';
import { assertManager, isManager, principalOf, siteScopeOf, visibleSiteId, type AdminPrincipal } from './admin-principal.js';

export interface SiteAdminRoutesDeps {
  sites: SiteAdminService;
  accounts: AgentAccountService;
}

/**
 * `/api/v1/sites`: list, create, read, update, rotate keys, delete (docs/admin-api.md). Mounted
 * behind `requireAdminPrincipal`; reads are for a site's members, changes for admins.
 */
export function siteAdminRoutes(deps: SiteAdminRoutesDeps): Router {
  const router = Router();
  const view = (principal: AdminPrincipal, site: SiteRow): SiteView => toSiteView(site, isManager(principal));

  router.get('/', async (_request, response) => {
    const principal = principalOf(response);
    const sites = await deps.sites.list(siteScopeOf(principal));
    response.json({ sites: sites.map((site) => view(principal, site)) });
  });

  router.post('/', async (request, response) => {
    const principal = principalOf(response);
    assertManager(principal);
    const body = checkSettings(createSiteSchema.parse(request.body ?? {}));
    const site = await deps.sites.create(body);
    // An admin who creates a site belongs to it, or they could not see what they made.
    if (principal.kind === 'agent') await deps.accounts.grantSites(principal.agent.id, [site.id]);
    response.status(201).json({ site: view(principal, site) });
  });

  router.get('/:siteId', async (request, response) => {
    const principal = principalOf(response);
    response.json({ site: view(principal, await deps.sites.get(visibleSiteId(principal, request.params.siteId))) });
  });

  router.patch('/:siteId', async (request, response) => {
    const principal = principalOf(response);
    const siteId = visibleSiteId(principal, request.params.siteId);
    assertManager(principal);
    const changes = checkSettings(updateSiteSchema.parse(request.body ?? {}));
    response.json({ site: view(principal, await deps.sites.update(siteId, changes)) });
  });

  router.post('/:siteId/widget-key/rotate', async (request, response) => {
    const principal = principalOf(response);
    const siteId = visibleSiteId(principal, request.params.siteId);
    assertManager(principal);
    response.json({ site: view(principal, await deps.sites.rotateWidgetKey(siteId)) });
  });

  router.post('/:siteId/identity-secret/rotate', async (request, response) => {
    const principal = principalOf(response);
    const siteId = visibleSiteId(principal, request.params.siteId);
    assertManager(principal);
    response.json({ site: view(principal, await deps.sites.rotateIdentitySecret(siteId)) });
  });

  router.delete('/:siteId', async (request, response) => {
    const principal = principalOf(response);
    const siteId = visibleSiteId(principal, request.params.siteId);
    assertManager(principal);
    const { confirm } = deleteSiteSchema.parse(request.body ?? {});
    await deps.sites.delete(siteId, confirm);
    response.status(204).end();
  });

  return router;
}

/** Bot and handoff settings are checked against their own domains' schemas, so a typo is a 400, not a silent default. */
function checkSettings<T extends z.infer<typeof updateSiteSchema>>(body: T): T {
  for (const [field, schema] of [
    ['botSettings', botSettingsSchema],
    ['handoffSettings', handoffSettingsSchema],
  ] as const) {
    const value = body[field];
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new AppError('BAD_REQUEST', `Invalid payload. ${field}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
    }
  }
  return body;
}
