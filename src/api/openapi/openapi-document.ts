import { problemSchema, oauthErrorSchema } from '../../contracts/integration-auth.js';
import type { ErrorCode } from '../../contracts/error-codes.js';
import { AppError } from '../../errors/app-error.js';
import { toProblem } from '../../errors/error-mapping.js';
import { ADMIN_OPERATIONS } from './admin-operations.js';
import { INTEGRATION_OPERATIONS } from './integration-operations.js';
import { jsonSchema } from './json-schema.js';
import type { Operation } from './openapi-operation.js';
import { SECURITY_SCHEMES, securityOf } from './openapi-security.js';
import { SITE_CONFIG_OPERATIONS } from './site-config-operations.js';
import { webhookEvents } from './webhook-events.js';

/** Every route under `/api` and `/oauth` (test/integration/integrations/openapi.test.ts checks the app mounts no other). */
export const OPERATIONS: readonly Operation[] = [...INTEGRATION_OPERATIONS, ...ADMIN_OPERATIONS, ...SITE_CONFIG_OPERATIONS];

const ERRORS: Record<number, { text: string; example: ErrorCode }> = {
  400: {
    text: 'Malformed request (problem JSON, code BAD_REQUEST; OAuth endpoints: RFC 6749 error body)',
    example: 'BAD_REQUEST',
  },
  401: { text: 'Missing, unknown, expired or revoked credentials', example: 'UNAUTHORIZED' },
  403: {
    text: 'Missing scope (INSUFFICIENT_SCOPE), address not on the allowlist, not an admin (FORBIDDEN)',
    example: 'FORBIDDEN',
  },
  404: { text: 'No such resource on this site (or one of another tenant)', example: 'NOT_FOUND' },
  409: {
    text: 'Conflict: a mode that does not allow it, a duplicate, an Idempotency-Key still running',
    example: 'CONVERSATION_CONFLICT',
  },
  413: { text: 'Body or text too large (TOO_LONG)', example: 'TOO_LONG' },
  415: { text: 'Wrong Content-Type (UNSUPPORTED_MEDIA_TYPE)', example: 'UNSUPPORTED_MEDIA_TYPE' },
  422: {
    text: 'Well-formed but breaks a rule (BLOCKED_CONTENT, UNPROCESSABLE, IDEMPOTENCY_KEY_REUSED)',
    example: 'UNPROCESSABLE',
  },
  429: { text: 'Rate limited; see Retry-After', example: 'RATE_LIMITED' },
};

/** An example problem body of a status, made by the one error mapping the app uses. */
function problemExample(code: ErrorCode): unknown {
  return toProblem(new AppError(code, `An example ${code} problem.`)).body;
}

function camel(text: string): string {
  return text.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase());
}

function parameters(operation: Operation): unknown[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: operation.params?.[name!] ?? { type: 'string', format: 'uuid' },
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

function requestBody(operation: Operation): Record<string, unknown> {
  const content = operation.body
    ? { 'application/json': { schema: jsonSchema(operation.body, 'input') } }
    : operation.form
      ? { 'application/x-www-form-urlencoded': { schema: jsonSchema(operation.form, 'input') } }
      : operation.textBody
        ? { 'text/plain': { schema: { type: 'string', description: operation.textBody } } }
        : undefined;
  return content ? { requestBody: { required: true, content } } : {};
}

function responses(operation: Operation): Record<string, unknown> {
  const { ok } = operation;
  const okContent = ok.schema
    ? { content: { 'application/json': { schema: jsonSchema(ok.schema, 'output') } } }
    : ok.contentType
      ? {
          content: {
            [ok.contentType]: { schema: ok.contentType === 'application/json' ? { type: 'object' } : { type: 'string' } },
          },
        }
      : {};
  const result: Record<string, unknown> = {
    [ok.status]: { description: ok.description ?? (ok.status === 204 ? 'Done; no body' : 'Success'), ...okContent },
  };
  const oauth = operation.path.startsWith('/oauth/');
  for (const status of operation.errors) {
    const error = ERRORS[status]!;
    result[status] = {
      description: error.text,
      content: oauth
        ? { 'application/json': { schema: jsonSchema(oauthErrorSchema, 'output') } }
        : {
            'application/problem+json': {
              schema: { $ref: '#/components/schemas/Problem' },
              example: problemExample(error.example),
            },
          },
    };
  }
  return result;
}

function operationObject(operation: Operation): Record<string, unknown> {
  return {
    summary: operation.summary,
    operationId: `${operation.method}${camel(operation.path)}`,
    tags: [operation.tag],
    security: securityOf(operation),
    parameters: parameters(operation),
    ...requestBody(operation),
    responses: responses(operation),
  };
}

/** The OpenAPI 3.1 document of the HTTP API, generated from the zod contracts. */
export function openApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1.0.0',
      description: 'The integration API (docs/api.md), the admin API (docs/admin-api.md) and the webhooks it sends.',
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag)), 'Webhook events'].map((name) => ({ name })),
    paths,
    webhooks: webhookEvents(),
    components: { schemas: { Problem: jsonSchema(problemSchema, 'output') }, securitySchemes: SECURITY_SCHEMES },
  };
}
