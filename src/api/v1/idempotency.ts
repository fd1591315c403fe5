import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../errors/app-error.js';
import type { IdempotencyStore } from '../../integrations/integration-ports.js';
import { integrationOf } from './integration-auth.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST: the first request's 2xx answer is stored and a repeat with the same key,
 * path and body gets it back (`Idempotent-Replayed: true`) without running again; the same key with
 * another body is `IDEMPOTENCY_KEY_REUSED` (422), while the first still runs `IDEMPOTENCY_IN_PROGRESS`
 * (409). Errors are not stored: fixing the request and sending it again with the key works.
 */
export function idempotency(store: IdempotencyStore): RequestHandler {
  return async (request, response, next) => {
    const key = request.get(IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || key === undefined) {
      next();
      return;
    }
    if (!KEY_SHAPE.test(key)) throw new AppError('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
    const scope = integrationOf(response).clientRowId;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
      .digest('base64url');
    const claim = await store.claim(scope, key, fingerprint);
    if (claim.kind === 'mismatch')
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request.');
    if (claim.kind === 'in_progress')
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running.');
    if (claim.kind === 'replay') {
      response.set('Idempotent-Replayed', 'true').status(claim.status).json(claim.body);
      return;
    }
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      const status = response.statusCode;
      const settle =
        status >= 200 && status < 300 ? store.complete(scope, key, fingerprint, status, body) : store.release(scope, key);
      settle.then(
        () => json(body),
        (error: unknown) => next(error),
      );
      return response;
    };
    next();
  };
}
