import { Automaton } from './automaton.js';
import { compileDictionary, type CompiledDictionary } from './dictionary-compiler.js';
import {
  isMaskingAction,
  PII_SWITCHES,
  resolvePolicy,
  strongerAction,
  type FilterAction,
  type FilterMatch,
  type FilterPolicy,
  type FilterPolicyInput,
  type FilterVerdict,
  type InspectedVerdict,
  type WordEntry,
} from './filter-types.js';
import { applyMask, selectLeftmostLongest } from './match-selection.js';
import { Normalizer } from './normalizer.js';
import { compileOrderNumberPatterns } from './order-number-patterns.js';
import { detectPii, piiHoldStart, type PiiContext } from './pii-detectors.js';
import type { PiiHit } from './pii-hit.js';
import { StreamFilter } from './stream-filter.js';
import type { Analysis, StreamScanner } from './stream-scanner.js';
import { WordScanner, type WordCandidate } from './word-scanner.js';

export type { WordCandidate } from './word-scanner.js';

const ALL_OFF_KEYS = [
  'width',
  'case',
  'traditional',
  'homoglyph',
  'leet',
  'repeat',
  'skip',
  'latinWholeWord',
  'wordBoundaries',
  'pinyin',
] as const;

/**
 * Sensitive-word engine for one site: a dictionary (deny and allow entries), a policy, and the
 * automaton built from them. Immutable after {@link SensitiveWordEngine.build}; safe to share.
 */
export class SensitiveWordEngine implements StreamScanner {
  readonly policy: FilterPolicy;
  private readonly dictionary: CompiledDictionary;
  private readonly automaton: Automaton;
  private readonly scanner: WordScanner;
  private readonly raw: boolean;
  private readonly anyPii: boolean;
  private readonly piiContext: PiiContext;

  private constructor(words: readonly WordEntry[], policy: FilterPolicy) {
    this.policy = policy;
    const normalizer = new Normalizer(policy.normalize);
    this.raw = ALL_OFF_KEYS.every((key) => !policy.normalize[key]);
    this.anyPii = PII_SWITCHES.some((key) => policy.pii[key]);
    this.piiContext = { options: policy.pii, orderNumbers: compileOrderNumberPatterns(policy.pii.orderNumberPatterns) };
    this.dictionary = compileDictionary(words, policy, normalizer);
    this.automaton = Automaton.build(this.dictionary.patterns);
    this.dictionary.patterns = []; // the automaton holds them now
    this.scanner = new WordScanner(this.automaton, this.dictionary, normalizer, policy.normalize);
  }

  /**
   * Builds an engine; `policy` is merged over {@link defaultPolicy}. Entries that normalise to
   * nothing are ignored. Throws {@link FilterPolicyError} for an invalid order-number pattern.
   */
  static build(entries: readonly WordEntry[], policy: FilterPolicyInput = {}): SensitiveWordEngine {
    return new SensitiveWordEngine(entries, resolvePolicy(policy));
  }

  /** Longest dictionary word after normalisation, in code points. */
  get longestWord(): number {
    return this.dictionary.longestWord;
  }

  /** Selected matches (word matches leftmost-longest without overlap, then PII), sorted by start. */
  scan(text: string): FilterMatch[] {
    if (this.raw && !this.anyPii) {
      // The plain matcher: no analysis object, no PII pass.
      const candidates = this.scanner.scanRaw(text).candidates;
      return candidates.length === 0 ? [] : this.toMatches(selectLeftmostLongest(candidates, 0, Infinity).selected, []);
    }
    const analysis = this.analyze(text, true);
    if (analysis.words.length === 0 && analysis.pii.length === 0) return [];
    const words = selectLeftmostLongest(analysis.words, 0, Infinity).selected;
    const pii = selectLeftmostLongest(analysis.pii, 0, Infinity).selected;
    return this.toMatches(words, pii);
  }

  /** The text with every masking match (`mask`/`block` categories, and PII) replaced by `*`. */
  mask(text: string): string {
    return this.check(text).text;
  }

  /** Matches, the strongest action, and the text with every masking match and all PII masked. */
  check(text: string): FilterVerdict {
    const matches = this.scan(text);
    if (matches.length === 0) return { action: 'allow', text, matches };
    return {
      action: this.strongest(matches),
      text: applyMask(
        text,
        matches.filter((match) => this.masks(match)),
        0,
      ),
      matches,
    };
  }

  /**
   * {@link check} plus the text for the site's agents, in one scan: `text` masks PII (for the model
   * and logs), `textForAgents` keeps it and masks only `mask`/`block` words; `pii` lists what the
   * bot was not shown.
   */
  inspect(text: string): InspectedVerdict {
    const matches = this.scan(text);
    const pii = matches.filter((match) => match.source === 'pii');
    if (matches.length === 0) return { action: 'allow', text, matches, textForAgents: text, pii };
    const wordMasks = matches.filter((match) => match.source === 'word' && this.masks(match));
    return {
      action: this.strongest(matches),
      text: applyMask(
        text,
        matches.filter((match) => this.masks(match)),
        0,
      ),
      matches,
      textForAgents: applyMask(text, wordMasks, 0),
      pii,
    };
  }

  /**
   * A filter for streamed text (model output): push chunks, release what can no longer change. With
   * `pii: false` the PII detectors are off for this stream, and so is their hold-back (an e-mail's
   * local part waits for a possible `@`): words only, released as soon as no word can still match.
   */
  createStream(options: { pii?: boolean } = {}): StreamFilter {
    return new StreamFilter(this, options.pii ?? true);
  }

  /** @internal Whether the characters of this match are replaced by `*`. */
  masks(match: FilterMatch): boolean {
    return match.source === 'pii' || isMaskingAction(this.policy.actions[match.category]);
  }

  /** @internal */
  toMatches(words: readonly WordCandidate[], pii: readonly PiiHit[], offset = 0): FilterMatch[] {
    const matches: FilterMatch[] = [];
    for (const word of words) {
      const entry = this.dictionary.entries[word.entry]!;
      matches.push({
        start: word.start + offset,
        end: word.end + offset,
        word: entry.word,
        category: entry.category,
        source: 'word',
      });
    }
    for (const hit of pii) {
      matches.push({ start: hit.start + offset, end: hit.end + offset, word: hit.kind, category: 'pii', source: 'pii' });
    }
    return matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /**
   * @internal All candidates of `text`. With `final` false, `text` is a prefix of a longer text and
   * `settledBefore` tells which candidates can no longer change.
   */
  analyze(text: string, final: boolean, withPii = true): Analysis {
    const words = this.raw ? this.scanner.scanRaw(text) : this.scanner.scanNormalized(text, final);
    const checkPii = withPii && this.anyPii;
    const pii = checkPii ? detectPii(text, this.piiContext, words.handles) : [];
    let settledBefore = words.settledBefore;
    if (!final && checkPii) settledBefore = Math.min(settledBefore, piiHoldStart(text, this.policy.pii, words.handles));
    return { words: words.candidates, pii, settledBefore };
  }

  private strongest(matches: readonly FilterMatch[]): 'allow' | FilterAction {
    let action: 'allow' | FilterAction = 'allow';
    for (const match of matches) action = strongerAction(action, this.policy.actions[match.category]);
    return action;
  }
}
