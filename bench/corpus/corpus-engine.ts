import { SensitiveWordEngine, starterWords, type FilterPolicyInput, type WordEntry } from '../../src/filter/index.js';
import { evasionCases } from './evasion-cases.js';
import { ordinaryMessages } from './ordinary-messages.js';

/** The issue's own list, on top of the starter list. */
export const CORPUS_WORDS: readonly WordEntry[] = [
  { word: 'ass', category: 'profanity' },
  { word: 'badword', category: 'profanity' },
  { word: '加微信', category: 'ads' },
  { word: '代开发票', category: 'ads' },
];

/** The demo shop's policy: defaults, plus its marketplace order numbers (19 digits starting 1-4). */
export const CORPUS_POLICY: FilterPolicyInput = { pii: { orderNumberPatterns: ['(?<![0-9])[1-4][0-9]{18}(?![0-9])'] } };

export function corpusEngine(): SensitiveWordEngine {
  return SensitiveWordEngine.build([...starterWords(), ...CORPUS_WORDS], CORPUS_POLICY);
}

/** Ordinary messages that get any match, evasion cases that get none of the kind they need. */
export function measureCorpus(engine = corpusEngine()): {
  ordinary: number;
  changed: string[];
  evasions: number;
  missed: string[];
} {
  const ordinary = ordinaryMessages();
  const changed = ordinary.filter((text) => engine.scan(text).length > 0);
  const cases = evasionCases();
  const missed = cases
    .filter((c) => !engine.scan(c.text).some((m) => m.source === (c.kind === 'pii' ? 'pii' : 'word')))
    .map((c) => `${c.trick}: ${c.text}`);
  return { ordinary: ordinary.length, changed, evasions: cases.length, missed };
}
