import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { service: 'switchboard', ...base }, timestamp: pino.stdTimeFunctions.isoTime });
}
