import type { ErrorCode } from '../contracts/error-codes.js';
import type { BreakerState } from './circuit-breaker.js';

/**
 * Counters the resilient client reports. The composition root backs this with prom-client; the client
 * never registers global metrics itself.
 */
export interface LlmMetrics {
  upstreamError(code: ErrorCode, endpoint: string): void;
  retry(endpoint: string): void;
  failover(from: string, to: string): void;
  breakerStateChanged?(endpoint: string, state: BreakerState): void;
  /** Time from request to first answer token of the attempt that answered. */
  firstTokenLatency?(endpoint: string, ms: number): void;
}

/** The pino-compatible subset the client logs through (`logger.child({ module: 'llm' })` fits). */
export interface LlmLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export const noopMetrics: LlmMetrics = {
  upstreamError: () => undefined,
  retry: () => undefined,
  failover: () => undefined,
};

export const silentLogger: LlmLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
