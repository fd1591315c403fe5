import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { LevelWithSilent } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../observability/logger.js';

/** An id a caller (or a proxy in front) may pass in `X-Request-Id`; anything else is replaced. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** Probes and scrapes arrive every few seconds; a line each would drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Gives every HTTP request a request id (echoed as `X-Request-Id`), a `request.log` child logger that
 * carries it, and one log line when it finishes.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp<IncomingMessage, ServerResponse, never>({
    logger,
    genReqId: (request, response) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader('x-request-id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    autoLogging: { ignore: (request) => QUIET_PATHS.has(request.url?.split('?')[0] ?? '') },
    customLogLevel: (_request, response, error): LevelWithSilent => (error || response.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  });
}
