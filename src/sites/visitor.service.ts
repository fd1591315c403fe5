import type { VisitorDetails } from '../contracts/payloads.js';
import type { SiteRow } from '../db/schema.js';
import { isVerifiedUser } from './identity-verification.js';
import type { VisitorProfile, VisitorRepository } from './visitor.repository.js';

/** What a handshake says about its visitor besides the visitor token. */
export interface VisitorClaims {
  user?: { id: string; name?: string | undefined; email?: string | undefined; hash?: string | undefined } | undefined;
  attributes?: Record<string, string | number | boolean> | undefined;
  page?: { url: string; language?: string | undefined } | undefined;
}

/** Who is chatting: a verified site user, a returning visitor of the site, or a new one. */
export class VisitorService {
  constructor(private readonly visitors: VisitorRepository) {}

  /**
   * A user with a valid identity hash is the same visitor on every device (found by the site's user
   * id). Anything else is the known visitor if it still exists on that site (marked as seen), or a new
   * one: an unverified `setUser` never reaches another user's visitor, it only labels this one.
   */
  async identify(
    site: Pick<SiteRow, 'id' | 'identitySecret'>,
    knownVisitorId: string | undefined,
    claims: VisitorClaims = {},
  ): Promise<{ visitorId: string; verified: boolean }> {
    const { user, attributes, page } = claims;
    const profile: VisitorProfile = {
      name: user?.name,
      email: user?.email,
      attributes,
      pageUrl: page?.url,
      language: page?.language,
    };
    if (user && isVerifiedUser(user.id, user.hash, site.identitySecret)) {
      return { visitorId: await this.visitors.upsertVerified(site.id, user.id, profile), verified: true };
    }
    if (knownVisitorId && (await this.visitors.touch(knownVisitorId, site.id, profile))) {
      return { visitorId: knownVisitorId, verified: false };
    }
    return { visitorId: await this.visitors.create(site.id, profile), verified: false };
  }

  /** What agents see of a conversation's visitor. */
  async details(visitorId: string, siteId: string, conversationId: string): Promise<VisitorDetails | null> {
    const found = await this.visitors.details(visitorId, siteId, conversationId);
    if (!found) return null;
    const { visitor, previous } = found;
    return {
      id: visitor.id,
      name: visitor.name,
      email: visitor.email,
      verified: visitor.verified,
      attributes: visitor.attributes,
      pageUrl: visitor.pageUrl,
      language: visitor.language,
      firstSeenAt: visitor.createdAt.toISOString(),
      lastSeenAt: visitor.lastSeenAt.toISOString(),
      previousConversations: previous.map((conversation) => ({
        id: conversation.id,
        mode: conversation.mode as VisitorDetails['previousConversations'][number]['mode'],
        createdAt: conversation.createdAt.toISOString(),
        updatedAt: conversation.updatedAt.toISOString(),
      })),
    };
  }
}
