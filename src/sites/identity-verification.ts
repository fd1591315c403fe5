import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `hash` is the hex HMAC-SHA256 of the site's user id with the site's identity secret, as the
 * site's own server computes it (docs/widget.md). Constant time; no secret or a malformed hash: false.
 */
export function isVerifiedUser(userId: string, hash: string | undefined, identitySecret: string | null): boolean {
  if (!hash || !identitySecret || !/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = createHmac('sha256', identitySecret).update(userId).digest();
  return timingSafeEqual(expected, Buffer.from(hash, 'hex'));
}
