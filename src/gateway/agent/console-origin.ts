/** Where the console may be served from, besides the gateway's own origin. */
export interface ConsoleOriginOptions {
  /** `PUBLIC_URL`: the service's address as browsers see it (TLS may end at a proxy). */
  publicUrl?: string;
  /** `CONSOLE_ALLOWED_ORIGINS`: exact origins such as `https://console.example`. */
  allowedOrigins: readonly string[];
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * A browser sends the session cookie on a cross-site WebSocket too, and CORS does not cover WebSockets,
 * so the handshake checks Origin itself: the gateway's own origin (the request's Host, or
 * `PUBLIC_URL`) and the configured console origins pass. No Origin at all is a non-browser client
 * (a script with a bearer token), which no cookie can have been lent to.
 */
export function isConsoleOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  options: ConsoleOriginOptions,
): boolean {
  if (origin === undefined) return true;
  const given = originOf(origin);
  if (!given) return false;
  if (host && new URL(given).host === host.toLowerCase()) return true;
  if (options.publicUrl && originOf(options.publicUrl) === given) return true;
  return options.allowedOrigins.some((allowed) => originOf(allowed) === given);
}
