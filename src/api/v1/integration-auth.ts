import type { RequestHandler, Response } from 'express';
import type { IntegrationScope } from '../../contracts/integration-auth.js';
import { AppError } from '../../errors/app-error.js';
import { ACCESS_TOKEN_PREFIX } from '../../contracts/integration-auth.js';
import type { ClientRateLimit } from '../../integrations/integration-ports.js';
import {
  assertScope,
  type IntegrationPrincipal,
  type IntegrationTokenService,
} from '../../integrations/integration-token.service.js';

/**
 * `/api/v1` routes for integration tokens: a live `sbat_` bearer token from an allowed address, within
 * the client's rate limit. A request with any other credential skips the router (`next('router')`), so
 * the admin-token and agent routes mounted after it still answer their own paths.
 */
export function requireIntegration(deps: { tokens: IntegrationTokenService; rateLimit: ClientRateLimit }): RequestHandler {
  return async (request, response, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
    if (!token?.startsWith(ACCESS_TOKEN_PREFIX)) {
      next('router');
      return;
    }
    const principal = await deps.tokens.verify(token, request.socket.remoteAddress);
    await deps.rateLimit.consume(principal.clientRowId);
    response.locals.integration = principal;
    next();
  };
}

/** The integration `requireIntegration` authenticated for this request. */
export function integrationOf(response: Response): IntegrationPrincipal {
  const principal = response.locals.integration as IntegrationPrincipal | undefined;
  if (!principal) throw new AppError('UNAUTHORIZED', 'An integration access token is required.');
  return principal;
}

/** Refuses a token without `scope` with `INSUFFICIENT_SCOPE` (403). */
export function requireScope(scope: IntegrationScope): RequestHandler {
  return (_request, response, next) => {
    assertScope(integrationOf(response), scope);
    next();
  };
}

/** A POST body must be JSON: anything else is `UNSUPPORTED_MEDIA_TYPE` (415), before it is read. */
export const requireJsonBody: RequestHandler = (request, _response, next) => {
  const hasBody = request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
  if ((hasBody || request.headers['transfer-encoding'] !== undefined) && !request.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  }
  next();
};
