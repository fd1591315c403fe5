import { timingSafeEqual } from 'node:crypto';
import { Router, type Response } from 'express';
import { AppError } from '../errors/app-error.js';
import { toProblem } from '../errors/error-mapping.js';
import type { Metrics } from '../observability/metrics.js';

export interface OpsRouteDeps {
  metrics: Metrics;
  /** Resolves when Redis and Postgres answer; rejects with the reason otherwise. */
  checkReadiness: () => Promise<void>;
  /** `/metrics` then wants `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string | undefined;
  /** Without a token: serve `/metrics` to anyone (development) or not at all (production). Default true. */
  metricsOpen?: boolean;
}

/** `/healthz`, `/readyz` and `/metrics`: served by every process, gateways and workers alike. */
export function opsRoutes(deps: OpsRouteDeps): Router {
  const router = Router();
  const expected = deps.metricsToken ? Buffer.from(deps.metricsToken) : undefined;
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
  router.get('/metrics', async (request, response) => {
    if (!expected && deps.metricsOpen === false) {
      problem(response, new AppError('NOT_FOUND', 'Metrics are off: set METRICS_TOKEN to serve them.'));
      return;
    }
    if (expected) {
      const given = Buffer.from(/^Bearer (.+)$/.exec(request.get('authorization') ?? '')?.[1] ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        response.set('WWW-Authenticate', 'Bearer');
        problem(response, new AppError('UNAUTHORIZED', 'Missing or wrong bearer token (METRICS_TOKEN).'));
        return;
      }
    }
    response.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}

function problem(response: Response, error: AppError): void {
  const { status, body } = toProblem(error);
  response.status(status).type('application/problem+json').send(JSON.stringify(body));
}
