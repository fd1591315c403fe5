import { Automaton, HitList } from './automaton.js';
import {
  isMaskingAction,
  resolvePolicy,
  strongerAction,
  type FilterAction,
  type FilterMatch,
  type FilterPolicy,
  type FilterPolicyInput,
  type FilterVerdict,
  type WordEntry,
} from './filter-types.js';
import { applyMask, selectLeftmostLongest, type Span } from './match-selection.js';
import { BREAK_BEFORE, CROSSED, LATIN, MAX_GAP, Normalizer, TOKEN_END, TOKEN_START } from './normalizer.js';
import { detectPii, piiHoldStart, type PiiHit } from './pii-detectors.js';
import { StreamFilter } from './stream-filter.js';

/** A word hit before selection; `entry` indexes the engine's deny entries. */
export interface WordCandidate extends Span {
  entry: number;
}

/** Everything one pass over a text yields; the stream filter consumes it window by window. */
export interface Analysis {
  words: WordCandidate[];
  pii: PiiHit[];
  /** Candidates starting before this offset are final, even if more text is appended. */
  settledBefore: number;
}

/** Code units at the end of a window whose normalisation may still change when text is appended. */
const UNSETTLED_TAIL = 8;

const ALL_OFF_KEYS = ['width', 'case', 'traditional', 'homoglyph', 'leet', 'repeat', 'skip', 'latinWholeWord'] as const;

/**
 * Sensitive-word engine for one site: a dictionary (deny and allow entries), a policy, and the
 * automaton built from them. Immutable after {@link SensitiveWordEngine.build}; safe to share.
 */
export class SensitiveWordEngine {
  readonly policy: FilterPolicy;
  /** Deny entries, indexed by {@link WordCandidate.entry}. */
  private readonly entries: WordEntry[] = [];
  private readonly patternEntry: Int32Array;
  private readonly patternAllow: Uint8Array;
  private readonly automaton: Automaton;
  private readonly normalizer: Normalizer;
  private readonly raw: boolean;
  private readonly anyPii: boolean;
  private readonly hits = new HitList();

  private constructor(words: readonly WordEntry[], policy: FilterPolicy) {
    this.policy = policy;
    this.normalizer = new Normalizer(policy.normalize);
    this.raw = ALL_OFF_KEYS.every((key) => !policy.normalize[key]);
    this.anyPii = Object.values(policy.pii).some(Boolean);
    const patternIds = new Map<string, number>();
    const patterns: Int32Array[] = [];
    const entryOf: number[] = [];
    const allowOf: number[] = [];
    for (const entry of words) {
      const normalized = this.normalizer.normalize(entry.word);
      if (normalized.length === 0) continue;
      const codes = normalized.codes.slice(0, normalized.length);
      const key = String.fromCharCode(...new Uint16Array(codes.buffer)); // stable key of the code points
      let id = patternIds.get(key);
      if (id === undefined) {
        id = patterns.length;
        patternIds.set(key, id);
        patterns.push(codes);
        entryOf.push(-1);
        allowOf.push(0);
      }
      if (entry.allow) {
        allowOf[id] = 1;
        continue;
      }
      // Two entries that normalise alike share a pattern; the one with the stronger action reports.
      const previous = entryOf[id]!;
      const previousAction = previous < 0 ? 'allow' : policy.actions[this.entries[previous]!.category];
      if (strongerAction(previousAction, policy.actions[entry.category]) !== previousAction) {
        entryOf[id] = this.entries.length;
        this.entries.push(entry);
      }
    }
    this.patternEntry = Int32Array.from(entryOf);
    this.patternAllow = Uint8Array.from(allowOf);
    this.automaton = Automaton.build(patterns);
  }

  /** Builds an engine; `policy` is merged over {@link defaultPolicy}. Entries that normalise to nothing are ignored. */
  static build(entries: readonly WordEntry[], policy: FilterPolicyInput = {}): SensitiveWordEngine {
    return new SensitiveWordEngine(entries, resolvePolicy(policy));
  }

  /** Longest dictionary word after normalisation, in code points. */
  get longestWord(): number {
    return this.automaton.maxDepth;
  }

  /** Selected matches (word matches leftmost-longest without overlap, then PII), sorted by start. */
  scan(text: string): FilterMatch[] {
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

  check(text: string): FilterVerdict {
    const matches = this.scan(text);
    if (matches.length === 0) return { action: 'allow', text, matches };
    let action: 'allow' | FilterAction = 'allow';
    for (const match of matches) action = strongerAction(action, this.policy.actions[match.category]);
    return { action, text: applyMask(text, matches.filter((match) => this.masks(match)), 0), matches };
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
      const entry = this.entries[word.entry]!;
      matches.push({ start: word.start + offset, end: word.end + offset, word: entry.word, category: entry.category, source: 'word' });
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
    const words = this.raw ? this.scanRaw(text) : this.scanNormalized(text, final);
    const checkPii = withPii && this.anyPii;
    const pii = checkPii ? detectPii(text, this.policy.pii) : [];
    let settledBefore = words.settledBefore;
    if (!final && checkPii) settledBefore = Math.min(settledBefore, piiHoldStart(text, this.policy.pii));
    return { words: words.candidates, pii, settledBefore };
  }

  /** Every normalisation off: one unit per code point, straight from the string. */
  private scanRaw(text: string): { candidates: WordCandidate[]; settledBefore: number } {
    const length = text.length;
    const hits = this.hits;
    hits.length = 0;
    const finalState = this.automaton.scan(text, length, null, 0, hits, length);
    const { patternAt, dictLink, depthUnits } = this.automaton;
    const candidates: WordCandidate[] = [];
    let allowed: Span[] | undefined;
    for (let k = 0; k < hits.length; k += 2) {
      const end = hits.data[k]! + 1;
      const state = hits.data[k + 1]!;
      for (let hit = patternAt[state]! >= 0 ? state : dictLink[state]!; hit >= 0; hit = dictLink[hit]!) {
        const pattern = patternAt[hit]!;
        const span = { start: end - depthUnits[hit]!, end };
        if (this.patternAllow[pattern] === 1) (allowed ??= []).push(span);
        const entry = this.patternEntry[pattern]!;
        if (entry >= 0) candidates.push({ ...span, entry });
      }
    }
    // In raw mode a match in progress is exactly the automaton's current depth in code units.
    return { candidates: dropAllowed(candidates, allowed), settledBefore: length - depthUnits[finalState]! };
  }

  private scanNormalized(text: string, final: boolean): { candidates: WordCandidate[]; settledBefore: number } {
    const units = this.normalizer.normalize(text);
    const { codes, starts, ends, flags, innerStart, innerEnd } = units;
    const n = units.length;
    const { patternAt, dictLink, depth } = this.automaton;
    const wholeWord = this.policy.normalize.latinWholeWord;
    // First unit that more text could still change: the last one always (a repeat may extend it,
    // a following letter may move its word end), and any unit next to a leet character near the end
    // (whether `4` is a letter depends on what follows it).
    let unsettled = n;
    let gapClosed = false;
    if (!final) {
      unsettled = Math.max(0, n - 1);
      const leetAt = this.normalizer.firstLeetCandidate(text, text.length - UNSETTLED_TAIL);
      if (leetAt >= 0) while (unsettled > 0 && ends[unsettled - 1]! >= leetAt) unsettled--;
      // More than MAX_GAP skipped characters after the last unit: whatever comes next starts afresh,
      // so nothing before it can change (unless a trailing `@`/`$` or half a surrogate pair may
      // still turn into a letter).
      const lastCode = text.charCodeAt(text.length - 1);
      gapClosed = units.trailingGap > MAX_GAP && leetAt < 0 && !(lastCode >= 0xd800 && lastCode <= 0xdbff);
      if (gapClosed) unsettled = n;
    }
    const hits = this.hits;
    hits.length = 0;
    const settledState = this.automaton.scan(codes, n, flags, BREAK_BEFORE, hits, unsettled);
    const denied: WordCandidate[] = [];
    let allowed: Span[] | undefined;
    for (let k = 0; k < hits.length; k += 2) {
      const j = hits.data[k]!;
      const state = hits.data[k + 1]!;
      for (let hit = patternAt[state]! >= 0 ? state : dictLink[state]!; hit >= 0; hit = dictLink[hit]!) {
        const pattern = patternAt[hit]!;
        const first = j + 1 - depth[hit]!;
        if (this.patternAllow[pattern] === 1) {
          (allowed ??= []).push({ start: starts[first]!, end: ends[j]! });
        }
        const entry = this.patternEntry[pattern]!;
        if (entry < 0) continue;
        let start = starts[first]!;
        let end = ends[j]!;
        if (wholeWord) {
          const head = flags[first]!;
          if ((head & LATIN) !== 0 && (head & TOKEN_START) === 0) {
            if ((head & CROSSED) === 0) continue;
            start = innerStart[first]!;
          }
          const tail = flags[j]!;
          if ((tail & LATIN) !== 0 && (tail & TOKEN_END) === 0) {
            if ((tail & CROSSED) === 0) continue;
            end = innerEnd[j]!;
          }
          if (end <= start) continue;
        }
        denied.push({ start, end, entry });
      }
    }
    const pendingFrom = unsettled - depth[settledState]!;
    const settledBefore = final || gapClosed || pendingFrom >= n ? text.length : starts[pendingFrom]!;
    return { candidates: dropAllowed(denied, allowed), settledBefore };
  }
}

/** An allow-list hit shields every deny hit it contains (`assassin` shields both `ass`). */
function dropAllowed(denied: WordCandidate[], allowed: Span[] | undefined): WordCandidate[] {
  if (!allowed) return denied;
  return denied.filter((c) => !allowed.some((a) => a.start <= c.start && a.end >= c.end));
}
