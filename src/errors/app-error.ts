import type { ErrorCode } from '../contracts/error-codes.js';

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
