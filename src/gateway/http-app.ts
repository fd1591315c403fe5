import { channel } from 'node:diagnostics_channel';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { requireAdminToken } from '../api/admin-auth.js';
import { adminApiRoutes, type AdminApiDeps } from '../api/admin-api-routes.js';
import { requireSiteManager } from '../api/admin-principal.js';
import { authRoutes, type AuthRoutesDeps } from '../api/auth-routes.js';
import { conversationRoutes } from '../api/conversation-routes.js';
import { requireSiteAdmin } from '../api/site-admin-auth.js';
import { webhookRoutes } from '../api/webhook-routes.js';
import { wordListRoutes } from '../api/word-list-routes.js';
import type { ConversationService } from '../conversations/conversation.service.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import type { WordListService } from '../moderation/word-list.service.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { toAppError, toProblem } from '../errors/error-mapping.js';
import { opsRoutes } from './ops-routes.js';
import { requestLogging } from './request-logging.js';

export interface HttpAppDeps {
  conversations: ConversationService;
  modes: ConversationModeService;
  wordLists: WordListService;
  metrics: Metrics;
  logger: Logger;
  adminApiToken: string | undefined;
  /** Who may read `/metrics` (see `OpsRouteDeps`). */
  metricsToken?: string | undefined;
  metricsOpen?: boolean;
  /** Agent sign-in (`/api/auth`, docs/agents.md). */
  agentAuth: AuthRoutesDeps;
  /** The admin API: sites, agents, teams, canned replies (docs/admin-api.md); absent: not mounted. */
  adminApi?: AdminApiDeps;
  /** `/api/v1/sites/:siteId/webhooks` (docs/webhooks.md); absent: not mounted. */
  webhooks?: Parameters<typeof webhookRoutes>[0];
  /** The integration API (`/oauth`, `/api/v1` for integration tokens, `/api/openapi.json`, `/api/docs`; docs/api.md). */
  mountIntegrationApi?: (app: Express) => void;
  /** Resolves when Redis and Postgres answer; rejects with the reason otherwise. */
  checkReadiness: () => Promise<void>;
  /** Extra routes mounted before the 404 handler (widget bundle, demo page). */
  mountStatic?: (app: Express) => void;
}

/**
 * Published with `{ app }` once the HTTP app is built: the OpenAPI test walks its routes. Nothing
 * subscribes in production, and an unsubscribed channel costs nothing.
 */
export const HTTP_APP_CHANNEL = 'switchboard:http-app';
const httpAppBuilt = channel(HTTP_APP_CHANNEL);

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging(deps.logger));
  app.use(express.json({ limit: '64kb' }));

  app.use(opsRoutes(deps));
  // Before the admin-token routes: it answers integration tokens and its own paths, and passes the rest on.
  deps.mountIntegrationApi?.(app);

  // First: it answers only its own paths under /api/v1/sites and passes the others on.
  if (deps.adminApi) app.use(adminApiRoutes(deps.adminApi));
  app.use('/api/v1/conversations', requireAdminToken(deps.adminApiToken), conversationRoutes(deps.conversations, deps.modes));
  if (deps.webhooks) {
    // Before the operator-only `/api/v1/sites` routes: a site's own admins manage its webhooks too.
    app.use(
      '/api/v1/sites/:siteId/webhooks',
      requireSiteAdmin({ adminApiToken: deps.adminApiToken, ...deps.agentAuth }),
      webhookRoutes(deps.webhooks),
    );
  }
  // Word lists and filter policy: the operator, or an admin of that site (the shared default list: the operator).
  const wordListAuth = deps.adminApi ? requireSiteManager(deps.adminApi) : requireAdminToken(deps.adminApiToken);
  app.use('/api/v1/sites', wordListAuth, wordListRoutes(deps.wordLists));
  app.use('/api/auth', authRoutes(deps.agentAuth));
  deps.mountStatic?.(app);

  app.use((_request, _response, next) => next(new AppError('NOT_FOUND', 'No such route.')));
  const problemHandler: ErrorRequestHandler = (error, request, response, _next) => {
    const parseFailure = (error as { type?: string }).type;
    const appError =
      parseFailure === 'entity.too.large'
        ? new AppError('TOO_LONG', 'Request body too large.')
        : parseFailure === 'entity.parse.failed'
          ? new AppError('BAD_REQUEST', 'Request body is not valid JSON.')
          : toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'request failed');
    deps.metrics.errors.inc({ code: appError.code });
    const retryAfterMs = appError.details.retryAfterMs;
    if (retryAfterMs !== undefined) response.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    const problem = toProblem(appError);
    response.status(problem.status).type('application/problem+json').json(problem.body);
  };
  app.use(problemHandler);
  if (httpAppBuilt.hasSubscribers) httpAppBuilt.publish({ app });
  return app;
}
