import { Router } from 'express';
import type { Metrics } from '../observability/metrics.js';

export interface OpsRouteDeps {
  metrics: Metrics;
  /** Resolves when Redis and Postgres answer; rejects with the reason otherwise. */
  checkReadiness: () => Promise<void>;
}

/** `/healthz`, `/readyz` and `/metrics`: served by every process, gateways and workers alike. */
export function opsRoutes(deps: OpsRouteDeps): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    try {
      await deps.checkReadiness();
      response.json({ status: 'ready' });
    } catch (error) {
      response.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });
  router.get('/metrics', async (_request, response) => {
    response.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
