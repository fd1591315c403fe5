import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AgentAuthService } from '../agents/agent-auth.service.js';
import {
  createIntegrationClientSchema,
  rotateSecretSchema,
  updateIntegrationClientSchema,
} from '../contracts/integration-auth.js';
import { AppError } from '../errors/app-error.js';
import type { IntegrationClientService } from '../integrations/integration-client.service.js';
import { requireSiteAdmin } from './site-admin-auth.js';
import type { CsrfTokens } from './csrf-token.js';

const siteParams = z.object({ siteId: z.uuid() });
const clientParams = siteParams.extend({ clientId: z.uuid() });

export interface IntegrationClientRoutesDeps {
  clients: IntegrationClientService;
  adminApiToken: string | undefined;
  auth: AgentAuthService;
  csrf: CsrfTokens;
  /** Whether the site exists (a client of a missing site is `NOT_FOUND`). */
  siteExists: (siteId: string) => Promise<boolean>;
}

/** After `requireSiteAdmin`: the bootstrap token may name any site id, so it must be one that exists. */
function requireExistingSite(deps: IntegrationClientRoutesDeps): RequestHandler {
  return async (request, _response, next) => {
    const { siteId } = siteParams.parse(request.params);
    if (!(await deps.siteExists(siteId))) throw new AppError('NOT_FOUND', 'No such site.');
    next();
  };
}

/** `/api/v1/sites/:siteId/integration-clients`: OAuth clients of a site (docs/api.md). */
export function integrationClientRoutes(deps: IntegrationClientRoutesDeps): Router {
  const router = Router({ mergeParams: true });
  // The bootstrap `ADMIN_API_TOKEN` (first set-up) or an admin agent's session who belongs to the site.
  router.use(requireSiteAdmin(deps), requireExistingSite(deps));

  router.get('/', async (request, response) => {
    const { siteId } = siteParams.parse(request.params);
    response.json({ clients: await deps.clients.list(siteId) });
  });
  router.post('/', async (request, response) => {
    const { siteId } = siteParams.parse(request.params);
    const created = await deps.clients.create(siteId, createIntegrationClientSchema.parse(request.body));
    response.status(201).set('Cache-Control', 'no-store').json(created);
  });
  router.get('/:clientId', async (request, response) => {
    const { siteId, clientId } = clientParams.parse(request.params);
    response.json({ client: await deps.clients.get(siteId, clientId) });
  });
  router.patch('/:clientId', async (request, response) => {
    const { siteId, clientId } = clientParams.parse(request.params);
    response.json({ client: await deps.clients.update(siteId, clientId, updateIntegrationClientSchema.parse(request.body)) });
  });
  router.post('/:clientId/rotate-secret', async (request, response) => {
    const { siteId, clientId } = clientParams.parse(request.params);
    const { overlapSeconds } = rotateSecretSchema.parse(request.body ?? {});
    response.set('Cache-Control', 'no-store').json(await deps.clients.rotateSecret(siteId, clientId, overlapSeconds));
  });
  router.delete('/:clientId', async (request, response) => {
    const { siteId, clientId } = clientParams.parse(request.params);
    await deps.clients.delete(siteId, clientId);
    response.status(204).end();
  });
  return router;
}
