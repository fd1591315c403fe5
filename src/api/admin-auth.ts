import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';

/**
 * Whether the request carries `Authorization: Bearer <ADMIN_API_TOKEN>` (compared in constant time);
 * always false when no token is configured.
 */
export function operatorTokenMatcher(token: string | undefined): (request: Request) => boolean {
  const expected = token ? Buffer.from(token) : undefined;
  return (request) => {
    const bearer = /^Bearer (.+)$/.exec(request.get('authorization') ?? '')?.[1];
    if (!expected || bearer === undefined) return false;
    const given = Buffer.from(bearer);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

/** REST routes for operators and integrations need `Authorization: Bearer <ADMIN_API_TOKEN>`. */
export function requireAdminToken(token: string | undefined): RequestHandler {
  const isOperator = operatorTokenMatcher(token);
  return (request, _response, next) => {
    if (!token) {
      next(new AppError('UNAUTHORIZED', 'The REST API is disabled: set ADMIN_API_TOKEN to enable it.'));
      return;
    }
    if (!isOperator(request)) {
      next(new AppError('UNAUTHORIZED', 'Missing or wrong bearer token.'));
      return;
    }
    next();
  };
}
