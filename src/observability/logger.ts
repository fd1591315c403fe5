import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export interface LoggerSettings {
  level: string;
  /** `pretty`: readable lines for a person at a terminal (development); `json`: one JSON object a line. */
  format: 'json' | 'pretty';
}

/** The process's root logger; modules take `logger.child({ module })` and add correlation ids. */
export function createLogger(settings: LoggerSettings, base: Record<string, unknown> = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: 'switchboard', ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Secrets never reach a log line, whatever a caller passes.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
      censor: '[redacted]',
    },
  };
  if (settings.format === 'pretty') {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'service' } },
    });
  }
  return pino(options);
}
