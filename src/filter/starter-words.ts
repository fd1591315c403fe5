import { createRequire } from 'node:module';
import type { FilterCategory, WordEntry } from './filter-types.js';
import { DROPPED_CHINESE, DROPPED_ENGLISH } from './starter-list-curation.js';

const require = createRequire(import.meta.url);

/** Entries of the LDNOOBW lists that belong to another category than `profanity`. */
const CATEGORY_OF: Readonly<Record<string, FilterCategory>> = { viagra: 'ads', cialis: 'ads' };

/** The categories the starter list covers. */
export const STARTER_CATEGORIES: readonly FilterCategory[] = ['profanity', 'ads'];

let cached: WordEntry[] | undefined;

function allStarterWords(): WordEntry[] {
  if (cached) return cached;
  const english = require('naughty-words/en.json') as string[];
  const chinese = require('naughty-words/zh.json') as string[];
  const seen = new Set<string>();
  const out: WordEntry[] = [];
  for (const [words, dropped] of [
    [english, DROPPED_ENGLISH],
    [chinese, DROPPED_CHINESE],
  ] as const) {
    for (const raw of words) {
      const word = raw.trim();
      if (word.length === 0 || dropped[word] !== undefined || seen.has(word)) continue;
      seen.add(word);
      out.push({ word, category: CATEGORY_OF[word] ?? 'profanity' });
    }
  }
  cached = out;
  return out;
}

/**
 * A starter word list a site can switch on by category: the English and Chinese lists of
 * LDNOOBW ("List of Dirty, Naughty, Obscene and Otherwise Bad Words", CC-BY-4.0, npm
 * `naughty-words`), curated for customer-service chat (entries that are ordinary words there are
 * left out: `starter-list-curation.ts` says which and why). Nearly all entries are `profanity`;
 * `viagra` and `cialis` are `ads`. Returns fresh objects; pass them to `SensitiveWordEngine.build`
 * before or after the site's own entries.
 */
export function starterWords(categories: readonly FilterCategory[] = STARTER_CATEGORIES): WordEntry[] {
  const wanted = new Set(categories);
  return allStarterWords()
    .filter((entry) => wanted.has(entry.category))
    .map((entry) => ({ ...entry }));
}
