import type { ErrorBody } from '../contracts/payloads.js';
import { toAppError, toErrorBody } from '../errors/error-mapping.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';

interface ErrorSinks {
  metrics: Pick<Metrics, 'errors'>;
}

/**
 * What a namespace middleware passes to `next()` to refuse a handshake: Socket.IO sends `data` to
 * the client as `connect_error`'s `error.data`, so the client gets the stable code. Counted, and
 * logged when it is ours (`INTERNAL`).
 */
export function handshakeRefusal(
  error: unknown,
  deps: ErrorSinks & { logger: Logger },
  namespace: string,
): Error & { data: ErrorBody } {
  const appError = toAppError(error);
  deps.metrics.errors.inc({ code: appError.code });
  if (appError.code === 'INTERNAL') deps.logger.error({ err: error }, `${namespace} handshake failed`);
  return Object.assign(new Error(appError.message), { data: toErrorBody(appError) });
}

/** The `{ok:false}` ack for an event that failed: counted, logged at error when it is ours, else at debug. */
export function failedEventAck(error: unknown, deps: ErrorSinks, log: Logger, what: string): { ok: false; error: ErrorBody } {
  const appError = toAppError(error);
  deps.metrics.errors.inc({ code: appError.code });
  if (appError.code === 'INTERNAL') log.error({ err: error }, `${what} failed`);
  else log.debug({ code: appError.code }, `${what} refused`);
  return { ok: false, error: toErrorBody(appError) };
}
