import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A visitor token lets a returning browser resume its conversation. It is `v1.<siteId>.<visitorId>.<mac>`
 * with an HMAC-SHA256 over the ids, so a client cannot claim somebody else's visitor id.
 */
export class VisitorTokens {
  constructor(private readonly secret: string) {}

  issue(siteId: string, visitorId: string): string {
    return `v1.${siteId}.${visitorId}.${this.mac(siteId, visitorId)}`;
  }

  /** The visitor id, or undefined when the token is malformed, forged or for another site. */
  verify(token: string, siteId: string): string | undefined {
    const [version, tokenSiteId, visitorId, mac] = token.split('.');
    if (version !== 'v1' || tokenSiteId !== siteId || !visitorId || !mac) return undefined;
    const expected = Buffer.from(this.mac(siteId, visitorId));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? visitorId : undefined;
  }

  private mac(siteId: string, visitorId: string): string {
    return createHmac('sha256', this.secret).update(`${siteId}.${visitorId}`).digest('base64url');
  }
}
