import { Router } from 'express';
import { z } from 'zod';
import {
  createWebhookEndpointSchema,
  listDeliveriesQuerySchema,
  replayFailedSchema,
  rotateWebhookSecretSchema,
  updateWebhookEndpointSchema,
} from '../contracts/webhooks.js';
import type { WebhookDeliveryLogService } from '../webhooks/webhook-delivery-log.service.js';
import { toEndpointView, type WebhookEndpointService } from '../webhooks/webhook-endpoint.service.js';

const siteParams = z.object({ siteId: z.uuid() });
const endpointParams = siteParams.extend({ endpointId: z.uuid() });
const deliveryParams = endpointParams.extend({ deliveryId: z.uuid() });

/**
 * `/api/v1/sites/:siteId/webhooks` (docs/webhooks.md, "Managing endpoints"). Mounted with
 * `mergeParams` behind `requireSiteAdmin`. Secrets appear in two answers only: create and rotate.
 */
export function webhookRoutes(deps: { endpoints: WebhookEndpointService; deliveries: WebhookDeliveryLogService }): Router {
  const router = Router({ mergeParams: true });
  const { endpoints, deliveries } = deps;
  // Secrets travel in some answers: nothing here may be cached.
  router.use((_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    next();
  });

  router.post('/', async (request, response) => {
    const { siteId } = siteParams.parse(request.params);
    response.status(201).json(await endpoints.create(siteId, createWebhookEndpointSchema.parse(request.body ?? {})));
  });

  router.get('/', async (request, response) => {
    const { siteId } = siteParams.parse(request.params);
    response.json({ endpoints: await endpoints.list(siteId) });
  });

  router.get('/:endpointId', async (request, response) => {
    const { siteId, endpointId } = endpointParams.parse(request.params);
    response.json({ endpoint: toEndpointView(await endpoints.get(siteId, endpointId)) });
  });

  router.patch('/:endpointId', async (request, response) => {
    const { siteId, endpointId } = endpointParams.parse(request.params);
    response.json({
      endpoint: await endpoints.update(siteId, endpointId, updateWebhookEndpointSchema.parse(request.body ?? {})),
    });
  });

  router.delete('/:endpointId', async (request, response) => {
    const { siteId, endpointId } = endpointParams.parse(request.params);
    await endpoints.remove(siteId, endpointId);
    response.status(204).end();
  });

  router.post('/:endpointId/rotate-secret', async (request, response) => {
    const { siteId, endpointId } = endpointParams.parse(request.params);
    const { overlapSeconds } = rotateWebhookSecretSchema.parse(request.body ?? {});
    response.json(await endpoints.rotateSecret(siteId, endpointId, overlapSeconds));
  });

  router.post('/:endpointId/test', async (request, response) => {
    const { siteId, endpointId } = endpointParams.parse(request.params);
    response.status(202).json({ deliveryId: await endpoints.sendTestEvent(siteId, endpointId) });
  });

  router.get('/:endpointId/deliveries', async (request, response) => {
    const { siteId, endpointId } = endpointParams.parse(request.params);
    response.json(await deliveries.list(siteId, endpointId, listDeliveriesQuerySchema.parse(request.query)));
  });

  router.get('/:endpointId/deliveries/:deliveryId', async (request, response) => {
    const { siteId, endpointId, deliveryId } = deliveryParams.parse(request.params);
    response.json(await deliveries.get(siteId, endpointId, deliveryId));
  });

  router.post('/:endpointId/deliveries/:deliveryId/replay', async (request, response) => {
    const { siteId, endpointId, deliveryId } = deliveryParams.parse(request.params);
    response.status(202).json(await deliveries.replay(siteId, endpointId, deliveryId));
  });

  router.post('/:endpointId/replay', async (request, response) => {
    const { siteId, endpointId } = endpointParams.parse(request.params);
    const { since } = replayFailedSchema.parse(request.body ?? {});
    response.status(202).json(await deliveries.replayFailedSince(siteId, endpointId, new Date(since)));
  });

  return router;
}
