import express, { Router, type Request, type Response } from 'express';
import { revokeRequestSchema, tokenRequestSchema, type OAuthErrorBody } from '../contracts/integration-auth.js';
import type { IntegrationClientRow } from '../db/schema.js';
import { isAppError } from '../errors/app-error.js';
import type { IntegrationClientService } from '../integrations/integration-client.service.js';
import { InvalidScopeError, type IntegrationTokenService } from '../integrations/integration-token.service.js';
import type { ClientRateLimit } from '../integrations/integration-ports.js';

export interface OAuthRoutesDeps {
  clients: IntegrationClientService;
  tokens: IntegrationTokenService;
  rateLimit: ClientRateLimit;
}

const FORM = 'application/x-www-form-urlencoded';

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly body: OAuthErrorBody,
    readonly retryAfterSeconds?: number,
  ) {
    super(body.error);
  }
}

function send(response: Response, error: OAuthError): void {
  response.set('Cache-Control', 'no-store');
  if (error.status === 401) response.set('WWW-Authenticate', 'Basic realm="switchboard", charset="UTF-8"');
  if (error.retryAfterSeconds !== undefined) response.set('Retry-After', String(error.retryAfterSeconds));
  response.status(error.status).json(error.body);
}

const invalidClient = () =>
  new OAuthError(401, { error: 'invalid_client', error_description: 'Unknown client, wrong secret or address not allowed.' });

/** client_secret_basic (RFC 6749 §2.3.1: form-encoded id and secret) or client_secret_post, never both. */
function clientCredentials(
  request: Request,
  body: { client_id?: string; client_secret?: string },
): { id: string; secret: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
  if (basic && (body.client_id !== undefined || body.client_secret !== undefined)) {
    throw new OAuthError(400, { error: 'invalid_request', error_description: 'Use one client authentication method, not two.' });
  }
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw invalidClient();
    try {
      return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    } catch {
      throw invalidClient();
    }
  }
  if (!body.client_id || !body.client_secret) throw invalidClient();
  return { id: body.client_id, secret: body.client_secret };
}

function form<T>(request: Request, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T {
  if (!request.is(FORM)) throw new OAuthError(415, { error: 'invalid_request', error_description: `Send the body as ${FORM}.` });
  const parsed = schema.safeParse(request.body ?? {});
  if (!parsed.success)
    throw new OAuthError(400, { error: 'invalid_request', error_description: 'Missing or malformed parameters.' });
  return parsed.data;
}

/** `POST /oauth/token` (client credentials grant) and `POST /oauth/revoke` (RFC 7009). */
export function oauthRoutes(deps: OAuthRoutesDeps): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }));

  const authenticate = async (
    request: Request,
    body: { client_id?: string; client_secret?: string },
  ): Promise<IntegrationClientRow> => {
    const credentials = clientCredentials(request, body);
    const result = await deps.clients.authenticate(credentials.id, credentials.secret, request.socket.remoteAddress);
    if (!result.ok) throw invalidClient();
    try {
      await deps.rateLimit.consume(result.client.id);
    } catch (error) {
      if (isAppError(error) && error.code === 'RATE_LIMITED') {
        const seconds = Math.max(1, Math.ceil((error.details.retryAfterMs ?? 1000) / 1000));
        throw new OAuthError(429, { error: 'slow_down', error_description: error.message }, seconds);
      }
      throw error;
    }
    return result.client;
  };

  const handle =
    (work: (request: Request, response: Response) => Promise<void>) =>
    (request: Request, response: Response, next: (error: unknown) => void) => {
      work(request, response).catch((error: unknown) => {
        if (error instanceof OAuthError) send(response, error);
        else if (error instanceof InvalidScopeError)
          send(response, new OAuthError(400, { error: 'invalid_scope', error_description: error.message }));
        else next(error);
      });
    };

  router.post(
    '/token',
    handle(async (request, response) => {
      const body = form(request, tokenRequestSchema);
      if (body.grant_type !== 'client_credentials') {
        throw new OAuthError(400, {
          error: 'unsupported_grant_type',
          error_description: 'Only client_credentials is supported.',
        });
      }
      const client = await authenticate(request, body);
      const { token, scopes } = await deps.tokens.issue(client, body.scope);
      response.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
      response.json({ access_token: token, token_type: 'Bearer', expires_in: deps.tokens.ttlSeconds, scope: scopes.join(' ') });
    }),
  );

  router.post(
    '/revoke',
    handle(async (request, response) => {
      const body = form(request, revokeRequestSchema);
      const client = await authenticate(request, body);
      await deps.tokens.revoke(client, body.token);
      response.set('Cache-Control', 'no-store').status(200).end();
    }),
  );

  return router;
}
