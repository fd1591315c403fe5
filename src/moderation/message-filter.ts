import { strongerAction } from '../filter/filter-types.js';
import { SensitiveWordEngine, type FilterCategory, type FilterMatch } from '../filter/index.js';
import { applyMask } from '../filter/match-selection.js';
import type { Logger } from '../observability/logger.js';
import { readSitePolicy } from './filter-policy.js';
import type { SiteFilterRegistry } from './site-filter-registry.js';
import { matchesCompletedBy } from './split-message-tail.js';

export type FilterDecision = 'allow' | 'mask' | 'block' | 'flag' | 'review';

export interface FilterOutcome {
  /** The text for the model and the logs: masked words, and masked contact details (PII). */
  text: string;
  /**
   * The text for the customer and the site's agents: masked words, contact details as typed when the
   * site's `piiVisibility` is `agents` (the default); the same as `text` when it is `nobody`.
   */
  textForPeople: string;
  decision: FilterDecision;
  /**
   * Message flags to store: `masked` (some characters replaced by `*`), `flagged` (a `flag` category
   * matched), `review` (handed to a human), `split` (a word completed across messages),
   * `pii_hidden` (contact details kept from the model, shown to agents), and `category:<name>` for
   * every category that matched.
   */
  flags: string[];
  /** Every category that matched. */
  categories: FilterCategory[];
  /** Categories whose action is the decision (what an audit row records for a block). */
  decisiveCategories: FilterCategory[];
}

/** Masks model output as it streams, holding back only what a match could still span. */
export interface OutputFilterStream {
  push(chunk: string): string;
  flush(): string;
}

export interface SiteWordSource {
  id: string;
  blockedWords: string[];
  filterPolicy?: unknown;
}

export interface MessageFilter {
  check(site: SiteWordSource, text: string): FilterOutcome;
  createOutputStream(site: SiteWordSource): OutputFilterStream;
}

/** What the gateway needs: the site's engine loaded first, and the split-message tail taken into account. */
export interface CustomerMessageFilter extends MessageFilter {
  prepare(siteId: string): Promise<void>;
  check(site: SiteWordSource, text: string, recentShort?: readonly string[]): FilterOutcome;
}

/**
 * The service's filter: each site's {@link SensitiveWordEngine} from the {@link SiteFilterRegistry}.
 * `check` and `createOutputStream` never wait; callers `prepare` the site first (the gateway before
 * filtering a message, the worker before a reply job).
 */
export class EngineMessageFilter implements CustomerMessageFilter {
  constructor(
    private readonly registry: SiteFilterRegistry,
    private readonly logger: Logger,
  ) {}

  async prepare(siteId: string): Promise<void> {
    await this.registry.ready(siteId);
  }

  /** Filters a customer message; `recentShort` is the conversation's tail for the split-message rule. */
  check(site: SiteWordSource, text: string, recentShort: readonly string[] = []): FilterOutcome {
    const engine = this.engineFor(site);
    const own = engine.scan(text);
    const completed = matchesCompletedBy(engine, recentShort, text);
    const matches = [...own, ...completed];
    if (matches.length === 0)
      return { text, textForPeople: text, decision: 'allow', flags: [], categories: [], decisiveCategories: [] };

    const actionOf = (match: FilterMatch) => engine.policy.actions[match.category];
    let decision: FilterDecision = 'allow';
    for (const match of matches) decision = strongerAction(decision, actionOf(match));
    const masking = matches.filter((match) => engine.masks(match));
    const masked = applyMask(text, masking, 0);
    const showPii = this.registry.piiVisibility(site.id) === 'agents';
    const textForPeople = showPii
      ? applyMask(
          text,
          masking.filter((match) => match.source !== 'pii'),
          0,
        )
      : masked;
    const categories = [...new Set(matches.map((match) => match.category))];
    const flags: string[] = [];
    if (textForPeople !== text) flags.push('masked');
    if (textForPeople !== masked) flags.push('pii_hidden');
    if (matches.some((match) => actionOf(match) === 'flag')) flags.push('flagged');
    if (decision === 'review') flags.push('review');
    if (completed.length > 0) flags.push('split');
    flags.push(...categories.map((category) => `category:${category}`));
    return {
      text: masked,
      textForPeople,
      decision,
      flags,
      categories,
      decisiveCategories: [...new Set(matches.filter((match) => actionOf(match) === decision).map((match) => match.category))],
    };
  }

  createOutputStream(site: SiteWordSource): OutputFilterStream {
    // Words only: customers' PII is masked before it reaches the model, and a shop's own phone number
    // or e-mail in a reply must reach the customer. It also keeps the first token from waiting for the
    // next one (the e-mail detector holds every trailing word back for a possible `@`).
    const stream = this.engineFor(site).createStream({ pii: false });
    return { push: (chunk) => stream.push(chunk), flush: () => stream.flush() };
  }

  private engineFor(site: SiteWordSource): SensitiveWordEngine {
    const engine = this.registry.current(site.id);
    if (engine) return engine;
    // Only reachable if a caller skipped `prepare`: filter with what the site row has rather than not at all.
    this.logger.warn({ siteId: site.id }, 'filter engine not prepared; using the site row alone for this text');
    void this.registry.ready(site.id).catch(() => undefined);
    return SensitiveWordEngine.build(
      site.blockedWords.map((word) => ({ word, category: 'custom' as const })),
      readSitePolicy(site.filterPolicy, () => undefined).engine,
    );
  }
}
