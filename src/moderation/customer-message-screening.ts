import type { SiteRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { FilterAuditRepository } from './filter-audit.repository.js';
import type { CustomerMessageFilter, FilterOutcome } from './message-filter.js';
import type { MessageTailRepository } from './message-tail.repository.js';
import { isShortMessage } from './split-message-tail.js';

export interface ScreenedMessage extends FilterOutcome {
  /** How many recent short messages the split-message rule looked behind. */
  tailLength: number;
}

export interface CustomerMessageScreeningDeps {
  filter: CustomerMessageFilter;
  audit: FilterAuditRepository;
  tails: MessageTailRepository;
}

/**
 * The service's use of the filter on what customers type: the site's words, the conversation's recent
 * short messages (a word split across messages), and an audit row for every block.
 */
export class CustomerMessageScreening {
  constructor(private readonly deps: CustomerMessageScreeningDeps) {}

  /** Filters a message before it is stored. A block is audited (without the text) and thrown as `BLOCKED_CONTENT`. */
  async screen(site: SiteRow, conversationId: string, text: string): Promise<ScreenedMessage> {
    const [tail] = await Promise.all([this.deps.tails.recent(conversationId), this.deps.filter.prepare(site.id)]);
    const outcome = this.deps.filter.check(site, text, tail);
    if (outcome.decision === 'block') {
      await this.deps.audit.record({ siteId: site.id, conversationId, action: 'block', categories: outcome.decisiveCategories });
      throw new AppError('BLOCKED_CONTENT', 'This message contains content that cannot be sent.', {
        categories: outcome.decisiveCategories,
      });
    }
    return { ...outcome, tailLength: tail.length };
  }

  /**
   * After the message is stored: a short message extends the tail; a long one, or one that completed
   * a split word, starts it afresh.
   */
  async remember(conversationId: string, screened: ScreenedMessage, original: string, storedText: string): Promise<void> {
    const completedSplit = screened.flags.includes('split');
    if (!completedSplit && isShortMessage(original)) await this.deps.tails.push(conversationId, storedText);
    else if (screened.tailLength > 0) await this.deps.tails.clear(conversationId);
  }
}
