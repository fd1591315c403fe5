import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens for cookie-authenticated writes: signed double-submit. The token is an HMAC of the
 * session id, set as a readable cookie and returned at login; a write must echo it in
 * `X-CSRF-Token`. A cross-site page can send the cookies but cannot read them, and a cookie planted
 * from a sibling subdomain does not match the victim's session.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, derived from the session secret, so a CSRF token is never a valid MAC elsewhere.
    this.key = createHmac('sha256', secret).update('switchboard:csrf:v1').digest();
  }

  issue(sessionId: string): string {
    return createHmac('sha256', this.key).update(sessionId).digest('base64url');
  }

  /** True when header and cookie are equal and both are this session's token; constant time. */
  matches(sessionId: string, header: string | undefined, cookie: string | undefined): boolean {
    if (!header || !cookie) return false;
    const expected = Buffer.from(this.issue(sessionId));
    const fromHeader = Buffer.from(header);
    const fromCookie = Buffer.from(cookie);
    if (fromHeader.length !== expected.length || fromCookie.length !== expected.length) return false;
    // Both comparisons always run: no early exit tells which one failed.
    const headerOk = timingSafeEqual(fromHeader, expected);
    const cookieOk = timingSafeEqual(fromCookie, expected);
    return headerOk && cookieOk;
  }
}
