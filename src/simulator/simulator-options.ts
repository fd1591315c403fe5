import type { Logger } from 'pino';

/** The logger methods the simulator uses; a pino logger fits. */
export type SimulatorLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** Options of `startSimulator`; every field is optional. */
export interface SimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The one key accepted as `Authorization: Bearer <key>`. Default `sk-simulator`. */
  apiKey?: string;
  /** Wait before the first token. Default 200 ms. */
  firstTokenDelayMs?: number;
  /** Pace of streamed tokens. Default 50. */
  tokensPerSecond?: number;
  /** Length of the generated reply in tokens. Default 60. */
  replyTokens?: number;
  /** A fault spec applied to every request (same syntax as the `x-sim-fault` header). */
  fault?: string;
  /** Default: no logging. */
  logger?: SimulatorLogger;
}

export interface ResolvedSimulatorOptions {
  port: number;
  host: string;
  apiKey: string;
  firstTokenDelayMs: number;
  tokensPerSecond: number;
  replyTokens: number;
  fault: string | undefined;
  logger: SimulatorLogger | undefined;
}

export const DEFAULT_API_KEY = 'sk-simulator';

export function resolveSimulatorOptions(options: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const resolved: ResolvedSimulatorOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    apiKey: options.apiKey ?? DEFAULT_API_KEY,
    firstTokenDelayMs: options.firstTokenDelayMs ?? 200,
    tokensPerSecond: options.tokensPerSecond ?? 50,
    replyTokens: options.replyTokens ?? 60,
    fault: options.fault,
    logger: options.logger,
  };
  if (!(resolved.tokensPerSecond > 0)) throw new RangeError('simulator: tokensPerSecond must be > 0');
  if (!(resolved.firstTokenDelayMs >= 0)) throw new RangeError('simulator: firstTokenDelayMs must be >= 0');
  if (!Number.isInteger(resolved.replyTokens) || resolved.replyTokens < 0) {
    throw new RangeError('simulator: replyTokens must be an integer >= 0');
  }
  return resolved;
}
