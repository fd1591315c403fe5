import { z } from 'zod';
import * as auth from '../../contracts/integration-auth.js';
import * as resources from '../../contracts/integration-resources.js';

type Schema = z.ZodType;
interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  security: 'oauth' | 'admin' | 'client';
  scope?: auth.IntegrationScope;
  body?: Schema;
  form?: Schema;
  query?: Schema;
  ok: { status: number; schema?: Schema };
  errors: number[];
  idempotent?: boolean;
}

const C = '/api/v1/conversations/{id}';
const CLIENTS = '/api/v1/sites/{siteId}/integration-clients';
const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/oauth/token',
    summary: 'Get an access token (client credentials grant, RFC 6749 §4.4)',
    security: 'client',
    form: auth.tokenRequestSchema,
    ok: { status: 200, schema: auth.tokenResponseSchema },
    errors: [400, 401, 415, 429],
  },
  {
    method: 'post',
    path: '/oauth/revoke',
    summary: 'Revoke an access token (RFC 7009)',
    security: 'client',
    form: auth.revokeRequestSchema,
    ok: { status: 200 },
    errors: [400, 401, 415, 429],
  },
  {
    method: 'get',
    path: CLIENTS,
    summary: "List the site's integration clients",
    security: 'admin',
    ok: { status: 200, schema: auth.integrationClientListSchema },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: CLIENTS,
    summary: 'Create a client (the secret is shown once)',
    security: 'admin',
    body: auth.createIntegrationClientSchema,
    ok: { status: 201, schema: auth.integrationClientWithSecretSchema },
    errors: [400, 401, 403, 404, 422],
  },
  {
    method: 'get',
    path: `${CLIENTS}/{clientId}`,
    summary: 'Read a client',
    security: 'admin',
    ok: { status: 200, schema: auth.integrationClientResultSchema },
    errors: [401, 403, 404],
  },
  {
    method: 'patch',
    path: `${CLIENTS}/{clientId}`,
    summary: 'Change name, scopes or IP allowlist',
    security: 'admin',
    body: auth.updateIntegrationClientSchema,
    ok: { status: 200, schema: auth.integrationClientResultSchema },
    errors: [400, 401, 403, 404, 422],
  },
  {
    method: 'post',
    path: `${CLIENTS}/{clientId}/rotate-secret`,
    summary: 'Rotate the secret; the old one works during the overlap',
    security: 'admin',
    body: auth.rotateSecretSchema,
    ok: { status: 200, schema: auth.integrationClientWithSecretSchema },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'delete',
    path: `${CLIENTS}/{clientId}`,
    summary: 'Delete a client (its tokens stop at once)',
    security: 'admin',
    ok: { status: 204 },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/v1/conversations',
    summary: "List the site's conversations, newest activity first",
    security: 'oauth',
    scope: 'conversations:read',
    query: resources.integrationConversationListQuerySchema,
    ok: { status: 200, schema: resources.integrationConversationListSchema },
    errors: [400, 401, 403, 429],
  },
  {
    method: 'get',
    path: C,
    summary: 'A conversation with its messages',
    security: 'oauth',
    scope: 'conversations:read',
    ok: { status: 200, schema: resources.integrationConversationSchema },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: 'post',
    path: `${C}/messages`,
    summary: 'Post a message (it appears live in the widget)',
    security: 'oauth',
    scope: 'messages:write',
    body: resources.integrationPostMessageSchema,
    ok: { status: 201, schema: resources.integrationMessageResultSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 429],
    idempotent: true,
  },
  {
    method: 'post',
    path: `${C}/handoff`,
    summary: 'Hand off to a person (waiting)',
    security: 'oauth',
    scope: 'conversations:write',
    body: resources.integrationHandoffSchema,
    ok: { status: 200, schema: resources.integrationConversationStateResultSchema },
    errors: [400, 401, 403, 404, 409, 415, 422, 429],
    idempotent: true,
  },
  {
    method: 'post',
    path: `${C}/assign`,
    summary: 'Give it to an agent of the site',
    security: 'oauth',
    scope: 'conversations:write',
    body: resources.integrationAssignSchema,
    ok: { status: 200, schema: resources.integrationConversationStateResultSchema },
    errors: [400, 401, 403, 404, 409, 415, 422, 429],
    idempotent: true,
  },
  {
    method: 'post',
    path: `${C}/resolve`,
    summary: 'Resolve',
    security: 'oauth',
    scope: 'conversations:write',
    body: resources.emptyBodySchema,
    ok: { status: 200, schema: resources.integrationConversationStateResultSchema },
    errors: [400, 401, 403, 404, 409, 415, 422, 429],
    idempotent: true,
  },
  {
    method: 'post',
    path: `${C}/reopen`,
    summary: 'Reopen to the bot or to an agent',
    security: 'oauth',
    scope: 'conversations:write',
    body: resources.integrationReopenSchema,
    ok: { status: 200, schema: resources.integrationConversationStateResultSchema },
    errors: [400, 401, 403, 404, 409, 415, 422, 429],
    idempotent: true,
  },
  {
    method: 'get',
    path: '/api/v1/visitors',
    summary: 'Find a visitor by REST-channel id (externalId) or verified user id (userId)',
    security: 'oauth',
    scope: 'conversations:read',
    query: resources.visitorSearchQuerySchema,
    ok: { status: 200, schema: resources.visitorListSchema },
    errors: [400, 401, 403, 429],
  },
  {
    method: 'get',
    path: '/api/v1/visitors/{id}',
    summary: 'A visitor of the site',
    security: 'oauth',
    scope: 'conversations:read',
    ok: { status: 200, schema: resources.visitorResultSchema },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: 'get',
    path: '/api/v1/visitors/{id}/conversations',
    summary: "The visitor's conversations, newest activity first",
    security: 'oauth',
    scope: 'conversations:read',
    query: resources.visitorConversationsQuerySchema,
    ok: { status: 200, schema: resources.integrationConversationListSchema },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: 'post',
    path: '/api/v1/channels/rest/messages',
    summary: 'A customer message over the REST channel; the reply is a task',
    security: 'oauth',
    scope: 'messages:write',
    body: resources.restChannelMessageSchema,
    ok: { status: 202, schema: resources.restChannelAcceptedSchema },
    errors: [400, 401, 403, 409, 413, 415, 422, 429],
    idempotent: true,
  },
  {
    method: 'get',
    path: '/api/v1/tasks/{id}',
    summary: 'The state of a task; ?wait=<s> (at most 30) long-polls',
    security: 'oauth',
    scope: 'messages:write',
    query: resources.taskQuerySchema,
    ok: { status: 200, schema: z.object({ task: resources.taskSchema }) },
    errors: [400, 401, 403, 404, 429],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request (problem JSON, code BAD_REQUEST; OAuth endpoints: RFC 6749 error body)',
  401: 'Missing, unknown, expired or revoked credentials',
  403: 'Missing scope (INSUFFICIENT_SCOPE), address not on the allowlist, not an admin',
  404: 'No such resource on this site',
  409: 'Conflict: the conversation is not in a mode that allows it, or an Idempotency-Key still running',
  413: 'Body or text too large (TOO_LONG)',
  415: 'Wrong Content-Type (UNSUPPORTED_MEDIA_TYPE)',
  422: 'Well-formed but breaks a rule (BLOCKED_CONTENT, UNPROCESSABLE, IDEMPOTENCY_KEY_REUSED)',
  429: 'Rate limited; see Retry-After',
};

/** Named schemas (`.meta({ id })`) come back as `$defs` + `$ref`; each operation carries them inline. */
function inlineDefs(node: unknown, defs: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineDefs(item, defs));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const ref = typeof record.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(record.$ref)?.[1] : undefined;
  if (ref !== undefined && defs[ref]) return inlineDefs(defs[ref], defs);
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, inlineDefs(value, defs)]));
}

function jsonSchema(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  const { $schema: _schema, $defs, id: _id, ...rest } = generated;
  return inlineDefs(rest, ($defs ?? {}) as Record<string, unknown>) as Record<string, unknown>;
}

function parameters(operation: Operation): unknown[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema:
      match[1] === 'clientId' || match[1] === 'siteId' || match[1] === 'id'
        ? { type: 'string', format: 'uuid' }
        : { type: 'string' },
  }));
  const query = operation.query
    ? Object.entries((jsonSchema(operation.query, 'input').properties ?? {}) as Record<string, unknown>).map(
        ([name, schema]) => ({ name, in: 'query', schema }),
      )
    : [];
  const idempotency = operation.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'A repeat with the same key and body returns the first answer.',
          schema: { type: 'string', maxLength: 255 },
        },
      ]
    : [];
  return [...path, ...query, ...idempotency];
}

function operationObject(operation: Operation): Record<string, unknown> {
  const isOAuth = operation.path.startsWith('/oauth/');
  const errorContent = isOAuth
    ? { 'application/json': { schema: jsonSchema(auth.oauthErrorSchema, 'output') } }
    : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const responses: Record<string, unknown> = {
    [operation.ok.status]: {
      description: 'Success',
      ...(operation.ok.schema ? { content: { 'application/json': { schema: jsonSchema(operation.ok.schema, 'output') } } } : {}),
    },
  };
  for (const status of operation.errors) responses[status] = { description: ERROR_TEXT[status], content: errorContent };
  const security =
    operation.security === 'oauth'
      ? [{ oauth2: [operation.scope!] }]
      : operation.security === 'admin'
        ? [{ adminToken: [] }, { agentSession: [] }]
        : [{ clientBasic: [] }, {}];
  return {
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
    security,
    parameters: parameters(operation),
    ...(operation.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } } } }
      : {}),
    ...(operation.form
      ? {
          requestBody: {
            required: true,
            content: { 'application/x-www-form-urlencoded': { schema: jsonSchema(operation.form, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the integration API, generated from the zod contracts. */
export function openApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard integration API', version: '1.0.0', description: 'See docs/api.md.' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(auth.problemSchema, 'output') },
      securitySchemes: {
        oauth2: {
          type: 'oauth2',
          flows: {
            clientCredentials: {
              tokenUrl: '/oauth/token',
              scopes: Object.fromEntries(auth.INTEGRATION_SCOPES.map((scope) => [scope, scope])),
            },
          },
        },
        clientBasic: {
          type: 'http',
          scheme: 'basic',
          description: 'client_id:client_secret (or client_secret_post in the form)',
        },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The bootstrap ADMIN_API_TOKEN (first set-up only)' },
        agentSession: { type: 'http', scheme: 'bearer', description: "An admin agent's session token (docs/agents.md)" },
      },
    },
  };
}
