import type { Express, Request, Response } from 'express';
import { consoleBundle, consolePage, type ConsoleAsset } from '../../console/console-bundle.js';

/**
 * Nothing inline, nothing from elsewhere: scripts and styles from this origin only, sockets and
 * fetches to this origin only (`'self'` covers ws/wss of the same host), no framing.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** `GET /console` (the agent console's page), `/console/console.js` and `/console/console.css`. */
export function mountConsoleAssets(app: Express): void {
  consoleBundle().catch(() => undefined);

  app.get(['/console', '/console/'], (request, response) => {
    const lang = /^zh\b/i.test(request.get('accept-language') ?? '') ? 'zh' : 'en';
    response
      .set({ ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' })
      .type('html')
      .send(consolePage(lang));
  });
  app.get('/console/console.js', async (request, response, next) => {
    try {
      send(request, response, (await consoleBundle()).script, 'text/javascript; charset=utf-8');
    } catch (error) {
      next(error);
    }
  });
  app.get('/console/console.css', async (request, response, next) => {
    try {
      send(request, response, (await consoleBundle()).styles, 'text/css; charset=utf-8');
    } catch (error) {
      next(error);
    }
  });
}

function send(request: Request, response: Response, asset: ConsoleAsset, type: string): void {
  response.set({
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
  });
  if (request.fresh) {
    response.status(304).end();
    return;
  }
  const gzip = request.acceptsEncodings('gzip', 'identity') === 'gzip';
  if (gzip) response.set('Content-Encoding', 'gzip');
  response.end(gzip ? asset.gzipped : asset.code);
}
