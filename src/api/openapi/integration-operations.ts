import { z } from 'zod';
import * as auth from '../../contracts/integration-auth.js';
import * as resources from '../../contracts/integration-resources.js';
import { section, type Operation, type SectionOperation } from './openapi-operation.js';

const C = '/api/v1/conversations/{id}';
const CLIENTS = '/api/v1/sites/{siteId}/integration-clients';

/** Handoff, assign, resolve and reopen: a POST on the conversation that answers with the state it moved to. */
function conversationAction(action: string, summary: string, body: z.ZodType): SectionOperation {
  return {
    method: 'post',
    path: `${C}/${action}`,
    summary,
    scope: 'conversations:write',
    body,
    ok: { status: 200, schema: resources.integrationConversationStateResultSchema },
    errors: [400, 401, 403, 404, 409, 415, 422, 429],
    idempotent: true,
  };
}

/** `/oauth`, integration clients and the `/api/v1` routes for integration tokens (docs/api.md). */
export const INTEGRATION_OPERATIONS: Operation[] = [
  ...section({ tag: 'OAuth', security: 'client' }, [
    {
      method: 'post',
      path: '/oauth/token',
      summary: 'Get an access token (client credentials grant, RFC 6749 §4.4)',
      form: auth.tokenRequestSchema,
      ok: { status: 200, schema: auth.tokenResponseSchema },
      errors: [400, 401, 415, 429],
    },
    {
      method: 'post',
      path: '/oauth/revoke',
      summary: 'Revoke an access token (RFC 7009)',
      form: auth.revokeRequestSchema,
      ok: { status: 200 },
      errors: [400, 401, 415, 429],
    },
  ]),

  ...section({ tag: 'Integration clients', security: 'manager' }, [
    {
      method: 'get',
      path: CLIENTS,
      summary: "List the site's integration clients",
      ok: { status: 200, schema: auth.integrationClientListSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'post',
      path: CLIENTS,
      summary: 'Create a client (the secret is shown once)',
      body: auth.createIntegrationClientSchema,
      ok: { status: 201, schema: auth.integrationClientWithSecretSchema },
      errors: [400, 401, 403, 404, 422],
    },
    {
      method: 'get',
      path: `${CLIENTS}/{clientId}`,
      summary: 'Read a client',
      ok: { status: 200, schema: auth.integrationClientResultSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'patch',
      path: `${CLIENTS}/{clientId}`,
      summary: 'Change name, scopes or IP allowlist',
      body: auth.updateIntegrationClientSchema,
      ok: { status: 200, schema: auth.integrationClientResultSchema },
      errors: [400, 401, 403, 404, 422],
    },
    {
      method: 'post',
      path: `${CLIENTS}/{clientId}/rotate-secret`,
      summary: 'Rotate the secret; the old one works during the overlap',
      body: auth.rotateSecretSchema,
      ok: { status: 200, schema: auth.integrationClientWithSecretSchema },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'delete',
      path: `${CLIENTS}/{clientId}`,
      summary: 'Delete a client (its tokens stop at once)',
      ok: { status: 204 },
      errors: [401, 403, 404],
    },
  ]),

  ...section({ tag: 'Conversations', security: 'oauth', scope: 'conversations:read' }, [
    {
      method: 'get',
      path: '/api/v1/conversations',
      summary: "List the site's conversations, newest activity first",
      query: resources.integrationConversationListQuerySchema,
      ok: { status: 200, schema: resources.integrationConversationListSchema },
      errors: [400, 401, 403, 429],
    },
    {
      method: 'get',
      path: C,
      summary: 'A conversation with its messages',
      ok: { status: 200, schema: resources.integrationConversationSchema },
      errors: [400, 401, 403, 404, 429],
    },
    {
      method: 'post',
      path: `${C}/messages`,
      summary: 'Post a message (it appears live in the widget)',
      scope: 'messages:write',
      body: resources.integrationPostMessageSchema,
      ok: { status: 201, schema: resources.integrationMessageResultSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 429],
      idempotent: true,
    },
    conversationAction('handoff', 'Hand off to a person (waiting)', resources.integrationHandoffSchema),
    conversationAction('assign', 'Give it to an agent of the site', resources.integrationAssignSchema),
    conversationAction('resolve', 'Resolve', resources.emptyBodySchema),
    conversationAction('reopen', 'Reopen to the bot or to an agent', resources.integrationReopenSchema),
  ]),

  ...section({ tag: 'Visitors', security: 'oauth', scope: 'conversations:read' }, [
    {
      method: 'get',
      path: '/api/v1/visitors',
      summary: 'Find a visitor by REST-channel id (externalId) or verified user id (userId)',
      query: resources.visitorSearchQuerySchema,
      ok: { status: 200, schema: resources.visitorListSchema },
      errors: [400, 401, 403, 429],
    },
    {
      method: 'get',
      path: '/api/v1/visitors/{id}',
      summary: 'A visitor of the site',
      ok: { status: 200, schema: resources.visitorResultSchema },
      errors: [400, 401, 403, 404, 429],
    },
    {
      method: 'get',
      path: '/api/v1/visitors/{id}/conversations',
      summary: "The visitor's conversations, newest activity first",
      query: resources.visitorConversationsQuerySchema,
      ok: { status: 200, schema: resources.integrationConversationListSchema },
      errors: [400, 401, 403, 404, 429],
    },
  ]),

  ...section({ tag: 'REST channel', security: 'oauth', scope: 'messages:write' }, [
    {
      method: 'post',
      path: '/api/v1/channels/rest/messages',
      summary: 'A customer message over the REST channel; the reply is a task',
      body: resources.restChannelMessageSchema,
      ok: { status: 202, schema: resources.restChannelAcceptedSchema },
      errors: [400, 401, 403, 409, 413, 415, 422, 429],
      idempotent: true,
    },
    {
      method: 'get',
      path: '/api/v1/tasks/{id}',
      summary: 'The state of a task; ?wait=<s> (at most 30) long-polls',
      query: resources.taskQuerySchema,
      ok: { status: 200, schema: z.object({ task: resources.taskSchema }) },
      errors: [400, 401, 403, 404, 429],
    },
  ]),
];
