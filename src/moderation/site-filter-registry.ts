import { FilterPolicyError, SensitiveWordEngine, starterWords, type WordEntry } from '../filter/index.js';
import type { Logger } from '../observability/logger.js';
import { readSitePolicy, type PiiVisibility, type SitePolicy } from './filter-policy.js';
import type { SiteFilterSource, WordListRepository } from './word-list.repository.js';

export const DEFAULT_LIST = 'default';

type EngineSource = Pick<WordListRepository, 'loadEntries' | 'loadSiteSource'>;

interface SiteState {
  engine: SensitiveWordEngine | undefined;
  piiVisibility: PiiVisibility;
  /** Bumped by every invalidation; a build started before a bump is thrown away and redone. */
  version: number;
  loading: Promise<SensitiveWordEngine> | undefined;
}

/**
 * One {@link SensitiveWordEngine} per site, built from the shared default list, the site's own words,
 * its legacy `blocked_words` (as `custom`) and its `filter_policy`. Engines are immutable: a change
 * builds a new engine in the background and swaps it in when it is complete, so a message or a reply
 * stream in flight finishes on the engine it started with, and nothing on the hot path waits for a build.
 */
export class SiteFilterRegistry {
  private readonly sites = new Map<string, SiteState>();
  private defaults: { entries: WordEntry[]; version: number } | undefined;
  private defaultsVersion = 0;
  private defaultsLoading: { version: number; entries: Promise<WordEntry[]> } | undefined;
  private refreshChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: EngineSource,
    private readonly logger: Logger,
  ) {}

  /** The site's current engine, if this process has built one. Never waits. */
  current(siteId: string): SensitiveWordEngine | undefined {
    return this.sites.get(siteId)?.engine;
  }

  /** Who may see the site's customers' contact details, as of its current engine. */
  piiVisibility(siteId: string): PiiVisibility {
    return this.sites.get(siteId)?.piiVisibility ?? 'agents';
  }

  /** The site's engine, building it on first use. */
  async ready(siteId: string): Promise<SensitiveWordEngine> {
    const state = this.sites.get(siteId);
    return state?.engine ?? this.load(siteId);
  }

  /**
   * A word list or policy changed (`default` for the shared list). Cached engines are rebuilt in the
   * background and swapped in; sites this process has not used yet are built fresh on first use.
   */
  invalidate(change: string): void {
    if (change === DEFAULT_LIST) {
      this.defaultsVersion++;
      for (const state of this.sites.values()) state.version++;
      // One site at a time: a default-list change touches every site, and the pool is shared with messages.
      const siteIds = [...this.sites.keys()];
      this.refreshChain = this.refreshChain.then(async () => {
        for (const siteId of siteIds) await this.load(siteId).catch(() => undefined);
      });
      return;
    }
    const state = this.sites.get(change);
    if (!state) return;
    state.version++;
    void this.load(change).catch(() => undefined);
  }

  /** After a lost pub/sub connection: every cached engine may be stale. */
  invalidateAll(): void {
    this.invalidate(DEFAULT_LIST);
  }

  /** Resolves when background rebuilds queued so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    await this.refreshChain;
    await Promise.all([...this.sites.values()].map((state) => state.loading?.catch(() => undefined)));
  }

  private load(siteId: string): Promise<SensitiveWordEngine> {
    let state = this.sites.get(siteId);
    if (!state) this.sites.set(siteId, (state = { engine: undefined, piiVisibility: 'agents', version: 0, loading: undefined }));
    if (state.loading) return state.loading;
    const current = state;
    const loading = (async () => {
      for (;;) {
        const version = current.version;
        const [defaults, site] = await Promise.all([this.loadDefaults(), this.source.loadSiteSource(siteId)]);
        const { engine, piiVisibility } = this.build(siteId, defaults, site);
        if (version === current.version) {
          current.engine = engine;
          current.piiVisibility = piiVisibility;
          return engine;
        }
      }
    })();
    current.loading = loading;
    void loading.then(
      () => (current.loading = undefined),
      (error: unknown) => {
        current.loading = undefined;
        this.logger.error({ err: error, siteId }, 'could not load the sensitive-word list; keeping the previous engine');
      },
    );
    return loading;
  }

  private async loadDefaults(): Promise<WordEntry[]> {
    for (;;) {
      if (this.defaults?.version === this.defaultsVersion) return this.defaults.entries;
      const version = this.defaultsVersion;
      // A load started before the latest change may have read the old list: only share a current one.
      if (this.defaultsLoading?.version !== version) {
        this.defaultsLoading = { version, entries: this.source.loadEntries(null) };
      }
      const loading = this.defaultsLoading;
      const entries = await loading.entries.finally(() => {
        if (this.defaultsLoading === loading) this.defaultsLoading = undefined;
      });
      if (version === this.defaultsVersion) {
        this.defaults = { entries, version };
        return entries;
      }
    }
  }

  private build(
    siteId: string,
    defaults: WordEntry[],
    site: SiteFilterSource | undefined,
  ): { engine: SensitiveWordEngine; piiVisibility: PiiVisibility } {
    const started = performance.now();
    const invalid = (reason: string) => this.logger.warn({ siteId, reason }, 'invalid filter_policy; using the default policy');
    const policy: SitePolicy = site ? readSitePolicy(site.filterPolicy, invalid) : readSitePolicy({}, invalid);
    // The starter list goes first: a site's own entries (allow entries included) are read after it.
    const entries: WordEntry[] = [...(policy.starterList.length > 0 ? starterWords(policy.starterList) : []), ...defaults];
    if (site) {
      for (const word of site.blockedWords) entries.push({ word, category: 'custom' });
      entries.push(...site.words);
    }
    let engine: SensitiveWordEngine;
    try {
      engine = SensitiveWordEngine.build(entries, policy.engine);
    } catch (error) {
      // A stored policy the engine refuses (an order-number pattern edited by hand) must not switch the filter off.
      if (!(error instanceof FilterPolicyError)) throw error;
      invalid(error.message);
      engine = SensitiveWordEngine.build(entries, {});
    }
    this.logger.debug({ siteId, words: entries.length, buildMs: Math.round(performance.now() - started) }, 'filter engine built');
    return { engine, piiVisibility: policy.piiVisibility };
  }
}
