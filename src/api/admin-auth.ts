import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';

/** REST routes for operators and integrations need `Authorization: Bearer <ADMIN_API_TOKEN>`. */
export function requireAdminToken(token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(token) : undefined;
  return (request, _response, next) => {
    if (!expected) {
      next(new AppError('UNAUTHORIZED', 'The REST API is disabled: set ADMIN_API_TOKEN to enable it.'));
      return;
    }
    const given = Buffer.from(/^Bearer (.+)$/.exec(request.get('authorization') ?? '')?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      next(new AppError('UNAUTHORIZED', 'Missing or wrong bearer token.'));
      return;
    }
    next();
  };
}
