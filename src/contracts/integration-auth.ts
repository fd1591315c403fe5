import { z } from 'zod';
import { errorCodeSchema } from './error-codes.js';
import { wireString } from './wire-text.js';

/**
 * What an integration token may do. `conversations:read`: list and read conversations and visitors;
 * `conversations:write`: hand off, assign, resolve, reopen; `messages:write`: post messages (into a
 * conversation, or as a customer over the REST channel) and read their tasks; `webhooks:manage`: the
 * site's webhook endpoints.
 */
export const INTEGRATION_SCOPES = ['conversations:read', 'conversations:write', 'messages:write', 'webhooks:manage'] as const;
export const integrationScopeSchema = z.enum(INTEGRATION_SCOPES);
export type IntegrationScope = z.infer<typeof integrationScopeSchema>;

/** Every access token starts with this, so a route can tell it from an agent session or the admin token. */
export const ACCESS_TOKEN_PREFIX = 'sbat_';

/** Most CIDR ranges on one client's allowlist. */
export const MAX_ALLOWLIST_ENTRIES = 50;
/** Longest rotation overlap: a week. */
export const MAX_ROTATION_OVERLAP_SECONDS = 7 * 24 * 3600;

export const createIntegrationClientSchema = z
  .object({
    name: wireString(100).pipe(z.string().trim().min(1)),
    scopes: z.array(integrationScopeSchema).min(1).max(INTEGRATION_SCOPES.length),
    /** CIDR ranges (`203.0.113.0/24`, `2001:db8::/32`) or single addresses; empty or absent: any address. */
    ipAllowlist: z.array(wireString(64)).max(MAX_ALLOWLIST_ENTRIES).default([]),
  })
  .strict()
  .meta({
    id: 'CreateIntegrationClient',
    examples: [{ name: 'Helpdesk', scopes: ['conversations:read', 'messages:write'], ipAllowlist: ['203.0.113.0/24'] }],
  });

export const updateIntegrationClientSchema = z
  .object({
    name: wireString(100).pipe(z.string().trim().min(1)).optional(),
    scopes: z.array(integrationScopeSchema).min(1).max(INTEGRATION_SCOPES.length).optional(),
    ipAllowlist: z.array(wireString(64)).max(MAX_ALLOWLIST_ENTRIES).optional(),
  })
  .strict()
  .meta({ id: 'UpdateIntegrationClient' });

export const rotateSecretSchema = z
  .object({
    /** How long the secret being replaced keeps working; 0 ends it now. Default one day. */
    overlapSeconds: z.number().int().min(0).max(MAX_ROTATION_OVERLAP_SECONDS).default(86_400),
  })
  .strict()
  .meta({ id: 'RotateSecret', examples: [{ overlapSeconds: 3600 }] });

export const integrationClientSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    clientId: z.string(),
    name: z.string(),
    scopes: z.array(integrationScopeSchema),
    ipAllowlist: z.array(z.string()),
    /** Until when the previous secret still works (ISO time), null when only the current one does. */
    previousSecretValidUntil: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'IntegrationClient' });
export type IntegrationClientView = z.infer<typeof integrationClientSchema>;

/** The answer to create and rotate: the only time the secret is ever shown. */
export const integrationClientWithSecretSchema = z
  .object({ client: integrationClientSchema, clientSecret: z.string() })
  .meta({ id: 'IntegrationClientWithSecret' });
export const integrationClientResultSchema = z
  .object({ client: integrationClientSchema })
  .meta({ id: 'IntegrationClientResult' });
export const integrationClientListSchema = z
  .object({ clients: z.array(integrationClientSchema) })
  .meta({ id: 'IntegrationClientList' });

/** `POST /oauth/token` form fields (RFC 6749 §4.4.2; client_secret_post or HTTP Basic). */
export const tokenRequestSchema = z
  .object({
    grant_type: z.string().max(100),
    scope: z.string().max(500).optional(),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(200).optional(),
  })
  .meta({
    id: 'TokenRequest',
    examples: [{ grant_type: 'client_credentials', scope: 'conversations:read', client_id: 'sbc_…', client_secret: 'sbs_…' }],
  });

/** RFC 6749 §5.1. */
export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    /** Seconds until the token stops working. */
    expires_in: z.number().int(),
    /** Space-separated scopes granted. */
    scope: z.string(),
  })
  .meta({
    id: 'TokenResponse',
    examples: [{ access_token: 'sbat_…', token_type: 'Bearer', expires_in: 900, scope: 'conversations:read messages:write' }],
  });

/** `POST /oauth/revoke` form fields (RFC 7009 §2.1); the client authenticates like at the token endpoint. */
export const revokeRequestSchema = z
  .object({
    token: z.string().max(500),
    token_type_hint: z.string().max(50).optional(),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(200).optional(),
  })
  .meta({ id: 'RevokeRequest' });

export const OAUTH_ERRORS = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'unsupported_token_type',
  'slow_down',
] as const;

/** RFC 6749 §5.2 error body (`slow_down` with 429 when the client's rate limit is spent). */
export const oauthErrorSchema = z
  .object({ error: z.enum(OAUTH_ERRORS), error_description: z.string().optional() })
  .meta({ id: 'OAuthError', examples: [{ error: 'invalid_client', error_description: 'Unknown client or wrong secret.' }] });
export type OAuthErrorBody = z.infer<typeof oauthErrorSchema>;

/** RFC 9457 problem details, with the stable `code` as an extension member. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: errorCodeSchema,
    retryAfterMs: z.number().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({
    id: 'Problem',
    examples: [
      {
        type: 'https://switchboard.dev/errors/insufficient-scope',
        title: 'INSUFFICIENT_SCOPE',
        status: 403,
        detail: 'This token lacks the messages:write scope.',
        code: 'INSUFFICIENT_SCOPE',
      },
    ],
  });
