/**
 * Browsers always send Origin on WebSocket and cross-origin requests; CORS does not protect WebSockets,
 * so the gateway checks it against the site's list itself. A missing Origin (a server-side client) is
 * accepted only by sites that allow any origin.
 */
export function isOriginAllowed(origin: string | undefined, allowedOrigins: string[]): boolean {
  if (allowedOrigins.includes('*')) return true;
  if (!origin) return false;
  const normalized = origin.toLowerCase().replace(/\/$/, '');
  return allowedOrigins.some((allowed) => allowed.toLowerCase().replace(/\/$/, '') === normalized);
}
