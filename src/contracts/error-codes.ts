import { z } from 'zod';

/**
 * Stable, machine-readable error codes. They are part of the public contract: socket acks carry them
 * as `error.code`, HTTP problem bodies as `code`, and metrics label errors with them.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'TOO_LONG',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'SESSION_EXPIRED',
  'SESSION_REVOKED',
  'ACCOUNT_DISABLED',
  'UNKNOWN_SITE',
  'FORBIDDEN_ORIGIN',
  'NOT_FOUND',
  'CONFLICT',
  'CONVERSATION_CONFLICT',
  'RATE_LIMITED',
  'BLOCKED_CONTENT',
  'CONVERSATION_CLOSED',
  'CONVERSATION_NOT_RESOLVED',
  'UNAVAILABLE',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_AUTH',
  'UPSTREAM_BALANCE',
  'UPSTREAM_REJECTED',
  'INSUFFICIENT_SCOPE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;
