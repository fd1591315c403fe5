import { describe, expect, it } from 'vitest';
import { filterPolicySchema, readSitePolicy } from '../../../src/moderation/filter-policy.js';
import { formatWordList, parseWordList } from '../../../src/moderation/word-list-format.js';

describe('word-list exchange format', () => {
  it('parses entries, skips blanks and comments, keeps the last of duplicates', () => {
    const parsed = parseWordList('# c\nfoo\tcustom\r\n\nbar\tads\tallow\nfoo\tprofanity\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual([
      { word: 'bar', category: 'ads', allow: true },
      { word: 'foo', category: 'profanity', allow: false },
    ]);
  });

  it('reports bad lines with their numbers', () => {
    const parsed = parseWordList('ok\tcustom\nnope\n\tcustom\nx\tbad\nx\tads\tdeny\n');
    expect(parsed.errors.map((error) => error.line)).toEqual([2, 3, 4, 5]);
  });

  it('round-trips', () => {
    const entries = [
      { word: '敏感词', category: 'profanity' as const, allow: false },
      { word: 'classic', category: 'custom' as const, allow: true },
    ];
    expect(parseWordList(formatWordList(entries)).entries).toEqual(entries);
  });
});

describe('filter policy', () => {
  it('accepts partial groups and refuses unknown keys and actions', () => {
    expect(filterPolicySchema.parse({ pii: { phone: false }, actions: { ads: 'review' } })).toEqual({
      pii: { phone: false },
      actions: { ads: 'review' },
    });
    expect(filterPolicySchema.safeParse({ normalize: { widht: false } }).success).toBe(false);
    expect(filterPolicySchema.safeParse({ actions: { gossip: 'mask' } }).success).toBe(false);
    expect(filterPolicySchema.safeParse({ actions: { ads: 'explode' } }).success).toBe(false);
  });

  it('reads an invalid stored policy as the defaults and reports why', () => {
    const reasons: string[] = [];
    expect(readSitePolicy({ actions: { ads: 1 } }, (reason) => reasons.push(reason))).toEqual({
      engine: {},
      starterList: [],
      piiVisibility: 'agents',
    });
    expect(reasons[0]).toContain('actions.ads');
    expect(readSitePolicy(null, () => undefined)).toEqual({ engine: {}, starterList: [], piiVisibility: 'agents' });
  });
});
