import type { VisitorRepository } from './visitor.repository.js';

/** Who is chatting: a returning visitor of the site, or a new one. */
export class VisitorService {
  constructor(private readonly visitors: VisitorRepository) {}

  /** The known visitor if it still exists on that site (marked as seen), otherwise a new visitor. */
  async identify(siteId: string, knownVisitorId: string | undefined): Promise<string> {
    if (knownVisitorId && (await this.visitors.touch(knownVisitorId, siteId))) return knownVisitorId;
    return this.visitors.create(siteId);
  }
}
