import { AppError, isAppError } from '../errors/app-error.js';

/** Why a retryable upstream failure happened; carried as `details.reason`. */
export type UpstreamFailureReason =
  | 'http-status'
  | 'connection'
  | 'broken-stream'
  | 'blank-body'
  | 'stream-error'
  | 'first-token-timeout'
  | 'idle-timeout'
  | 'total-timeout'
  | 'circuit-open'
  | 'invalid-structured-output';

const NON_RETRYABLE_CODES = new Set(['UPSTREAM_AUTH', 'UPSTREAM_BALANCE', 'UPSTREAM_REJECTED']);
const RETRYABLE_CODES = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']);

/** Operator-facing messages for errors no retry can fix; logged at error level. */
export const OPERATOR_MESSAGES: Record<string, string> = {
  UPSTREAM_AUTH: 'DeepSeek rejected the API key — set DEEPSEEK_API_KEY',
  UPSTREAM_BALANCE: 'DeepSeek balance exhausted — top up the account',
  UPSTREAM_REJECTED: 'DeepSeek rejected the request as invalid — check the generation settings',
};

interface ErrorEnvelope {
  message?: string;
  type?: string;
  code?: string | number | null;
  param?: string | null;
}

/** Maps a non-2xx response of `/chat/completions` to an `AppError` (the body is DeepSeek's `{"error":{...}}`). */
export function errorFromResponse(
  status: number,
  body: string,
  headers: Pick<Headers, 'get'>,
  endpoint: string,
  nowMs: number,
): AppError {
  const envelope = parseEnvelope(body);
  const upstreamMessage = envelope?.message ?? (body.trim().slice(0, 200) || `HTTP ${status}`);
  const details = {
    status,
    endpoint,
    upstreamType: envelope?.type,
    upstreamCode: envelope?.code ?? undefined,
  };
  switch (status) {
    case 401:
    case 403:
      return new AppError('UPSTREAM_AUTH', `${endpoint}: ${upstreamMessage}`, details);
    case 402:
      return new AppError('UPSTREAM_BALANCE', `${endpoint}: ${upstreamMessage}`, details);
    case 400:
    case 404:
    case 413:
    case 422:
      return new AppError('UPSTREAM_REJECTED', `${endpoint}: ${upstreamMessage}`, details);
    default: {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), nowMs);
      return new AppError('UPSTREAM_UNAVAILABLE', `${endpoint}: ${upstreamMessage}`, {
        ...details,
        reason: 'http-status' satisfies UpstreamFailureReason,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
  }
}

/** A retryable failure that is not an HTTP status: connection refused, broken stream, blank body... */
export function unavailable(endpoint: string, reason: UpstreamFailureReason, message: string, cause?: unknown): AppError {
  return new AppError('UPSTREAM_UNAVAILABLE', `${endpoint}: ${message}`, { endpoint, reason }, { cause });
}

export function timeout(endpoint: string, reason: UpstreamFailureReason, limitMs: number): AppError {
  return new AppError('UPSTREAM_TIMEOUT', `${endpoint}: ${reason} after ${limitMs} ms`, { endpoint, reason, limitMs });
}

/** True for failures a later attempt (same or another endpoint) may not hit: 429/5xx, network, timeouts, broken streams. */
export function isRetryableUpstreamError(error: unknown): error is AppError {
  return isAppError(error) && RETRYABLE_CODES.has(error.code);
}

/** True for 400/401/402/422: retrying cannot help until an operator acts. */
export function isNonRetryableUpstreamError(error: unknown): boolean {
  return isAppError(error) && NON_RETRYABLE_CODES.has(error.code);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function parseEnvelope(body: string): ErrorEnvelope | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const error = (parsed as { error: unknown }).error;
      if (typeof error === 'object' && error !== null) return error as ErrorEnvelope;
      if (typeof error === 'string') return { message: error };
    }
  } catch {
    // Proxies answer 502/504 with HTML; the status alone decides.
  }
  return undefined;
}
