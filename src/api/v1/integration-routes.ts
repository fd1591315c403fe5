import { Router, type RequestHandler } from 'express';
import {
  conversationIdParamsSchema,
  emptyBodySchema,
  integrationAssignSchema,
  integrationConversationListQuerySchema,
  integrationHandoffSchema,
  integrationPostMessageSchema,
  integrationReopenSchema,
  restChannelMessageSchema,
  taskParamsSchema,
  taskQuerySchema,
  visitorConversationsQuerySchema,
  visitorIdParamsSchema,
  visitorSearchQuerySchema,
} from '../../contracts/integration-resources.js';
import type { IntegrationConversationService } from '../../integrations/integration-conversation.service.js';
import type { ClientRateLimit, IdempotencyStore } from '../../integrations/integration-ports.js';
import type { IntegrationTokenService } from '../../integrations/integration-token.service.js';
import type { RestChannelService } from '../../integrations/rest-channel.service.js';
import type { TaskService } from '../../integrations/task.service.js';
import type { IntegrationVisitorService } from '../../integrations/integration-visitor.service.js';
import { idempotency } from './idempotency.js';
import { integrationOf, requireIntegration, requireJsonBody, requireScope } from './integration-auth.js';

export interface IntegrationRoutesDeps {
  tokens: IntegrationTokenService;
  rateLimit: ClientRateLimit;
  idempotency: IdempotencyStore;
  conversations: IntegrationConversationService;
  channel: RestChannelService;
  tasks: TaskService;
  visitors: IntegrationVisitorService;
}

/**
 * `/api/v1` for integration tokens (docs/api.md): conversations, visitors, the REST channel and its tasks.
 * Requests with another credential pass on to the routes mounted after it.
 */
export function integrationRoutes(deps: IntegrationRoutesDeps): Router {
  const router = Router();
  router.use(
    ['/conversations', '/visitors', '/channels', '/tasks'],
    requireIntegration(deps),
    requireJsonBody,
    idempotency(deps.idempotency),
  );
  const read = requireScope('conversations:read');
  const write = requireScope('conversations:write');
  const messages = requireScope('messages:write');

  router.get('/conversations', read, async (request, response) => {
    const { mode, ...query } = integrationConversationListQuerySchema.parse(request.query);
    response.json(await deps.conversations.list(integrationOf(response), { ...query, modes: mode }));
  });
  router.get('/conversations/:id', read, async (request, response) => {
    const { id } = conversationIdParamsSchema.parse(request.params);
    response.json(await deps.conversations.get(integrationOf(response), id));
  });
  router.post('/conversations/:id/messages', messages, async (request, response) => {
    const { id } = conversationIdParamsSchema.parse(request.params);
    const body = integrationPostMessageSchema.parse(request.body);
    const result = await deps.conversations.postMessage(integrationOf(response), { conversationId: id, ...body });
    response.status(result.duplicate ? 200 : 201).json(result);
  });

  const action =
    (run: (id: string, body: unknown, response: Parameters<RequestHandler>[1]) => Promise<unknown>): RequestHandler =>
    async (request, response) => {
      const { id } = conversationIdParamsSchema.parse(request.params);
      response.json({ conversation: await run(id, request.body ?? {}, response) });
    };
  router.post(
    '/conversations/:id/handoff',
    write,
    action((id, body, response) =>
      deps.conversations.handOff(integrationOf(response), id, integrationHandoffSchema.parse(body).reason),
    ),
  );
  router.post(
    '/conversations/:id/assign',
    write,
    action((id, body, response) =>
      deps.conversations.assign(integrationOf(response), id, integrationAssignSchema.parse(body).agentId),
    ),
  );
  router.post(
    '/conversations/:id/resolve',
    write,
    action((id, body, response) => {
      emptyBodySchema.parse(body);
      return deps.conversations.resolve(integrationOf(response), id);
    }),
  );
  router.post(
    '/conversations/:id/reopen',
    write,
    action((id, body, response) => {
      const { to, agentId } = integrationReopenSchema.parse(body);
      return deps.conversations.reopen(integrationOf(response), id, to, agentId);
    }),
  );

  router.get('/visitors', read, async (request, response) => {
    const query = visitorSearchQuerySchema.parse(request.query);
    response.json({ visitors: await deps.visitors.find(integrationOf(response), query) });
  });
  router.get('/visitors/:id', read, async (request, response) => {
    const { id } = visitorIdParamsSchema.parse(request.params);
    response.json({ visitor: await deps.visitors.get(integrationOf(response), id) });
  });
  router.get('/visitors/:id/conversations', read, async (request, response) => {
    const { id } = visitorIdParamsSchema.parse(request.params);
    const page = visitorConversationsQuerySchema.parse(request.query);
    response.json(await deps.visitors.conversations(integrationOf(response), id, page));
  });

  router.post('/channels/rest/messages', messages, async (request, response) => {
    const body = restChannelMessageSchema.parse(request.body);
    response.status(202).json(await deps.channel.accept(integrationOf(response), body));
  });
  router.get('/tasks/:id', messages, async (request, response) => {
    const { id } = taskParamsSchema.parse(request.params);
    const { wait } = taskQuerySchema.parse(request.query);
    const gone = new AbortController();
    request.on('close', () => gone.abort());
    response.json({ task: await deps.tasks.get(integrationOf(response), id, wait * 1000, gone.signal) });
  });

  return router;
}
