import { ZodError } from 'zod';
import { errorBodySchema, type ErrorBody } from '../contracts/payloads.js';
import type { ErrorCode } from '../contracts/error-codes.js';
import { AppError, isAppError } from './app-error.js';
import { isDependencyDown } from './unavailable.js';

/** What a client is told to wait before retrying while Postgres or Redis is away. */
const UNAVAILABLE_RETRY_MS = 2000;

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  TOO_LONG: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  SESSION_EXPIRED: 401,
  SESSION_REVOKED: 401,
  ACCOUNT_DISABLED: 403,
  UNKNOWN_SITE: 404,
  FORBIDDEN_ORIGIN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONVERSATION_CONFLICT: 409,
  RATE_LIMITED: 429,
  BLOCKED_CONTENT: 422,
  CONVERSATION_CLOSED: 409,
  CONVERSATION_NOT_RESOLVED: 409,
  UNAVAILABLE: 503,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_AUTH: 502,
  UPSTREAM_BALANCE: 502,
  UPSTREAM_REJECTED: 502,
  INSUFFICIENT_SCOPE: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  INTERNAL: 500,
};

/** Turns anything thrown into an AppError; unknown errors become INTERNAL without leaking details. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    // Too long is about text and lists; a number out of range is a bad request.
    const tooBig = issue?.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array');
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return new AppError(tooBig ? 'TOO_LONG' : 'BAD_REQUEST', `Invalid payload. ${where}${issue?.message ?? ''}`.trim());
  }
  if (isDependencyDown(error)) {
    return new AppError(
      'UNAVAILABLE',
      'The service is briefly unavailable; try again in a moment.',
      { retryAfterMs: UNAVAILABLE_RETRY_MS },
      { cause: error },
    );
  }
  return new AppError('INTERNAL', 'Something went wrong on our side.', {}, { cause: error });
}

export function toErrorBody(error: AppError): ErrorBody {
  const body: ErrorBody = { code: error.code, message: error.message };
  if (error.details.retryAfterMs !== undefined) body.retryAfterMs = error.details.retryAfterMs;
  // Only the conflict details meant for clients travel; anything else in `details` stays on the server.
  if (error.code === 'CONVERSATION_CONFLICT') body.details = errorBodySchema.shape.details.parse(pickConflict(error.details));
  return body;
}

/** RFC 9457 problem details, with our stable `code` as an extension member. */
export function toProblem(error: AppError) {
  const status = HTTP_STATUS[error.code];
  return {
    status,
    body: {
      type: `https://switchboard.dev/errors/${error.code.toLowerCase().replaceAll('_', '-')}`,
      title: error.code,
      status,
      detail: error.message,
      code: error.code,
      ...(error.details.retryAfterMs !== undefined ? { retryAfterMs: error.details.retryAfterMs } : {}),
      ...(error.code === 'CONVERSATION_CONFLICT' ? { details: pickConflict(error.details) } : {}),
    },
  };
}

function pickConflict(details: AppError['details']): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (details.mode !== undefined) picked.mode = details.mode;
  if (details.assignedAgent !== undefined) picked.assignedAgent = details.assignedAgent;
  return picked;
}
