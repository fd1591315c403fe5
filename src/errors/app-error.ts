/**
 * Stable, machine-readable error codes. They are part of the public contract: socket acks carry them
 * as `error.code`, HTTP problem bodies as `code`, and metrics label errors with them.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'TOO_LONG',
  'UNAUTHORIZED',
  'UNKNOWN_SITE',
  'FORBIDDEN_ORIGIN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'BLOCKED_CONTENT',
  'CONVERSATION_CLOSED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_AUTH',
  'UPSTREAM_BALANCE',
  'UPSTREAM_REJECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorDetails {
  /** How long the caller should wait before trying again (RATE_LIMITED, upstream 429). */
  retryAfterMs?: number;
  /** Upstream HTTP status, for UPSTREAM_* errors. */
  status?: number;
  [key: string]: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
