import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { SiteFilterRegistry } from '../../../src/moderation/site-filter-registry.js';
import type { SiteFilterSource } from '../../../src/moderation/word-list.repository.js';
import type { WordEntry } from '../../../src/filter/index.js';

const logger = pino({ level: 'silent' });

/** An in-memory word source whose loads can be held open, to interleave changes with builds. */
function memorySource() {
  const state = {
    defaults: [] as WordEntry[],
    sites: new Map<string, SiteFilterSource>(),
    gate: undefined as Promise<void> | undefined,
    loads: 0,
  };
  const source = {
    async loadEntries() {
      const entries = [...state.defaults];
      await state.gate;
      return entries;
    },
    async loadSiteSource(siteId: string) {
      state.loads++;
      const site = state.sites.get(siteId);
      const snapshot = site && { ...site, words: [...site.words] };
      await state.gate;
      return snapshot;
    },
  };
  return { state, source };
}

const site = (words: WordEntry[], extra: Partial<SiteFilterSource> = {}): SiteFilterSource => ({
  blockedWords: [],
  filterPolicy: {},
  words,
  ...extra,
});

describe('SiteFilterRegistry', () => {
  it('builds from the default list, the site words, legacy blocked words and the policy', async () => {
    const { state, source } = memorySource();
    state.defaults = [{ word: 'shared', category: 'profanity' }];
    state.sites.set(
      's1',
      site([{ word: 'own', category: 'ads' }], { blockedWords: ['legacy'], filterPolicy: { actions: { ads: 'block' } } }),
    );
    const registry = new SiteFilterRegistry(source, logger);
    const engine = await registry.ready('s1');
    expect(engine.check('shared own legacy')).toMatchObject({ action: 'block', text: '****** *** ******' });
    expect(registry.current('s1')).toBe(engine);
  });

  it('falls back to the default policy when the stored one is invalid', async () => {
    const { state, source } = memorySource();
    state.sites.set('s1', site([{ word: 'own', category: 'ads' }], { filterPolicy: { actions: { ads: 'explode' } } }));
    const engine = await new SiteFilterRegistry(source, logger).ready('s1');
    expect(engine.check('own').action).toBe('flag');
  });

  it('keeps serving the old engine while a rebuild runs, then swaps', async () => {
    const { state, source } = memorySource();
    state.sites.set('s1', site([{ word: 'old', category: 'custom' }]));
    const registry = new SiteFilterRegistry(source, logger);
    const before = await registry.ready('s1');

    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    state.sites.set('s1', site([{ word: 'new', category: 'custom' }]));
    registry.invalidate('s1');
    expect(registry.current('s1')).toBe(before);
    const stream = before.createStream();
    open();
    await registry.settled();
    const after = registry.current('s1')!;
    expect(after).not.toBe(before);
    expect(after.mask('old new')).toBe('old ***');
    // A stream that began on the old engine finishes on it.
    expect(stream.push('old new') + stream.flush()).toBe('*** new');
  });

  it('rebuilds again when a change lands while a build is loading', async () => {
    const { state, source } = memorySource();
    state.sites.set('s1', site([]));
    const registry = new SiteFilterRegistry(source, logger);
    await registry.ready('s1');

    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    registry.invalidate('s1'); // starts a load that reads the list before the next change
    state.sites.set('s1', site([{ word: 'late', category: 'custom' }]));
    registry.invalidate('s1');
    open();
    await registry.settled();
    expect(registry.current('s1')!.mask('late')).toBe('****');
  });

  it('rebuilds every cached site on a default-list change, and ignores sites it never built', async () => {
    const { state, source } = memorySource();
    state.sites.set('s1', site([]));
    state.sites.set('s2', site([]));
    const registry = new SiteFilterRegistry(source, logger);
    await registry.ready('s1');
    await registry.ready('s2');
    registry.invalidate('unknown-site');
    expect(registry.current('unknown-site')).toBeUndefined();

    state.defaults = [{ word: 'everyone', category: 'custom' }];
    registry.invalidate('default');
    await registry.settled();
    expect(registry.current('s1')!.mask('everyone')).toBe('********');
    expect(registry.current('s2')!.mask('everyone')).toBe('********');
  });

  it('loads a site once for concurrent first uses', async () => {
    const { state, source } = memorySource();
    state.sites.set('s1', site([]));
    const registry = new SiteFilterRegistry(source, logger);
    const [a, b] = await Promise.all([registry.ready('s1'), registry.ready('s1')]);
    expect(a).toBe(b);
    expect(state.loads).toBe(1);
  });
});
