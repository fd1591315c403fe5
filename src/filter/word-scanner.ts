import { HitList, type Automaton } from './automaton.js';
import { VariantKind, type CompiledDictionary, type Variant } from './dictionary-compiler.js';
import type { NormalizeOptions } from './filter-types.js';
import { latinCommonWords } from './latin-common-words.js';
import type { Span } from './match-selection.js';
import {
  BREAK_BEFORE,
  CROSSED,
  LATIN,
  MAX_GAP,
  TOKEN_END,
  TOKEN_START,
  type NormalizedText,
  type Normalizer,
} from './normalizer.js';

/** A word hit before selection; `entry` indexes the dictionary's deny entries. */
export interface WordCandidate extends Span {
  entry: number;
}

/** One pass of the automaton over a text. */
export interface WordScan {
  candidates: WordCandidate[];
  /** Contact keywords found (original spans), for the contact-handle detector. */
  handles: Span[];
  /** Candidates starting before this offset are final, even if more text is appended. */
  settledBefore: number;
}

const NO_SPANS: Span[] = [];

interface RawHit extends Span {
  pattern: number;
}

/** Code units at the end of a window whose normalisation may still change when text is appended. */
const UNSETTLED_TAIL = 8;

/**
 * Runs the automaton over a text (raw or normalised) and turns pattern hits into candidates: the
 * whole-word rule, exact spans across repeats (`wasabi I` ends at `wasabi`), the entry's own doubled
 * letters (`ass` needs `ss`, so `as` is not it), allow entries, word boundaries.
 */
export class WordScanner {
  private readonly hits = new HitList();
  private start = 0;
  private end = 0;
  private headCount = 0;
  private tailCount = 0;
  private innerHead = false;
  private innerTail = false;

  constructor(
    private readonly automaton: Automaton,
    private readonly dictionary: CompiledDictionary,
    private readonly normalizer: Normalizer,
    private readonly options: NormalizeOptions,
  ) {}

  /** Every normalisation off: one unit per code point, straight from the string. */
  scanRaw(text: string): WordScan {
    const length = text.length;
    const hits = this.hits;
    hits.length = 0;
    const finalState = this.automaton.scan(text, length, null, 0, hits, length);
    const { patternAt, dictLink, depthUnits } = this.automaton;
    // In raw mode a match in progress is exactly the automaton's current depth in code units.
    const settledBefore = length - depthUnits[finalState]!;
    if (hits.length === 0) return { candidates: [], handles: NO_SPANS, settledBefore };
    const simpleEntry = this.dictionary.simpleEntry;
    const candidates: WordCandidate[] = [];
    let complex: RawHit[] | undefined;
    for (let k = 0; k < hits.length; k += 2) {
      const end = hits.data[k]! + 1;
      const state = hits.data[k + 1]!;
      for (let hit = patternAt[state]! >= 0 ? state : dictLink[state]!; hit >= 0; hit = dictLink[hit]!) {
        const pattern = patternAt[hit]!;
        const start = end - depthUnits[hit]!;
        const simple = simpleEntry[pattern]!;
        if (simple >= 0) candidates.push({ start, end, entry: simple });
        else (complex ??= []).push({ start, end, pattern });
      }
    }
    if (!complex) return { candidates, handles: NO_SPANS, settledBefore };
    return this.rawVariants(candidates, complex, settledBefore);
  }

  /** The rare hits of patterns with several meanings (allow entries, keywords, shared forms). */
  private rawVariants(candidates: WordCandidate[], complex: readonly RawHit[], settledBefore: number): WordScan {
    const handles: Span[] = [];
    let allowed: Span[] | undefined;
    for (const { start, end, pattern } of complex) {
      let denied = false;
      for (const variant of this.dictionary.variants.get(pattern)!) {
        if (variant.kind === VariantKind.Deny && !denied) {
          candidates.push({ start, end, entry: variant.entry });
          denied = true;
        } else if (variant.kind === VariantKind.Allow) (allowed ??= []).push({ start, end });
        else if (variant.kind === VariantKind.Handle) handles.push({ start, end });
      }
    }
    return { candidates: dropAllowed(candidates, allowed), handles, settledBefore };
  }

  scanNormalized(text: string, final: boolean): WordScan {
    const units = this.normalizer.normalize(text);
    const { starts, ends } = units;
    const n = units.length;
    const { patternAt, dictLink, depth } = this.automaton;
    const { simpleEntry, variants } = this.dictionary;
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
    const settledState = this.automaton.scan(units.codes, n, units.flags, BREAK_BEFORE, hits, unsettled);
    const wholeWord = this.options.latinWholeWord;
    const denied: WordCandidate[] = [];
    let handles: Span[] = NO_SPANS;
    let allowed: Span[] | undefined;
    let boundaries: Span[] | undefined;
    for (let k = 0; k < hits.length; k += 2) {
      const j = hits.data[k]!;
      const state = hits.data[k + 1]!;
      for (let hit = patternAt[state]! >= 0 ? state : dictLink[state]!; hit >= 0; hit = dictLink[hit]!) {
        const pattern = patternAt[hit]!;
        const first = j + 1 - depth[hit]!;
        const simple = simpleEntry[pattern]!;
        if (simple >= 0) {
          if (this.place(units, first, j, null, wholeWord, true) && this.keepsWords(text, units, first, j)) {
            denied.push({ start: this.start, end: this.end, entry: simple });
          }
          continue;
        }
        let deniedHere = false;
        for (const variant of variants.get(pattern)!) {
          if (variant.kind === VariantKind.Deny) {
            if (deniedHere || !this.placeVariant(units, first, j, variant, wholeWord)) continue;
            if (!this.keepsWords(text, units, first, j)) continue;
            denied.push({ start: this.start, end: this.end, entry: variant.entry });
            deniedHere = true;
          } else if (variant.kind === VariantKind.Allow) {
            // Allow entries ignore the whole-word rule but must spell the text exactly.
            if (this.place(units, first, j, variant.need, false, true) && this.spells(units, first, j, variant.need, true)) {
              (allowed ??= []).push({ start: this.start, end: this.end });
            }
          } else if (variant.kind === VariantKind.Boundary) {
            (boundaries ??= []).push({ start: starts[first]!, end: ends[j]! });
          } else if (
            this.place(units, first, j, variant.need, wholeWord, false) &&
            this.spells(units, first, j, variant.need, false)
          ) {
            (handles === NO_SPANS ? (handles = []) : handles).push({ start: this.start, end: this.end });
          }
        }
      }
    }
    const pendingFrom = unsettled - depth[settledState]!;
    const settledBefore = final || gapClosed || pendingFrom >= n ? text.length : starts[pendingFrom]!;
    return { candidates: dropStraddling(dropAllowed(denied, allowed), boundaries), handles, settledBefore };
  }

  private placeVariant(units: NormalizedText, first: number, j: number, variant: Variant, wholeWord: boolean): boolean {
    if (!this.place(units, first, j, variant.need, wholeWord || variant.wholeLatin, true)) return false;
    return variant.need === null || this.spells(units, first, j, variant.need, false);
  }

  /**
   * The original span of units [first, j] as a match, into `start`/`end`; false if the whole-word
   * rule rejects it. A unit collapsed across a word break (`as shole`, `wasabi I`) contributes only
   * its part inside the word the match is in, when that part has the letters the entry needs.
   */
  private place(
    units: NormalizedText,
    first: number,
    j: number,
    need: Uint8Array | null,
    wholeWord: boolean,
    wholeTail: boolean,
  ): boolean {
    const { starts, ends, flags, innerStart, innerEnd, runs, runHead, runTail } = units;
    const head = flags[first]!;
    const tail = flags[j]!;
    this.start = starts[first]!;
    this.end = ends[j]!;
    this.headCount = runs[first]!;
    this.tailCount = runs[j]!;
    this.innerHead = false;
    this.innerTail = false;
    if ((head & CROSSED) !== 0 && runHead[first]! >= (need ? need[0]! : 1)) {
      this.start = innerStart[first]!;
      this.headCount = runHead[first]!;
      this.innerHead = true;
    } else if (wholeWord && (head & LATIN) !== 0 && (head & TOKEN_START) === 0) {
      return false;
    }
    if ((tail & CROSSED) !== 0 && runTail[j]! >= (need ? need[need.length - 1]! : 1)) {
      this.end = innerEnd[j]!;
      this.tailCount = runTail[j]!;
      this.innerTail = true;
    } else if (wholeWord && wholeTail && (tail & LATIN) !== 0 && (tail & TOKEN_END) === 0) {
      return false;
    }
    return this.end > this.start;
  }

  /** Whether the text's letter runs give what `need` asks: 2+ where it doubles (exact: and 1 where it does not). */
  private spells(units: NormalizedText, first: number, j: number, need: Uint8Array | null, exact: boolean): boolean {
    for (let u = first; u <= j; u++) {
      const count = u === first ? this.headCount : u === j ? this.tailCount : units.runs[u]!;
      const wants = need ? need[u - first]! : 1;
      if (count < wants || (exact && (wants === 2) !== count >= 2)) return false;
    }
    return true;
  }

  /**
   * False when a Latin match glues whole common words across spaces (`an us`). Only spaces: a dot,
   * dash or star between the pieces (`BAD.WORD`, `bad-word`) is someone spelling the entry out.
   */
  private keepsWords(text: string, units: NormalizedText, first: number, j: number): boolean {
    if (!this.options.wordBoundaries || !this.options.skip) return true;
    const { codes, flags, starts, ends } = units;
    for (let u = first + 1; u <= j; u++) {
      if ((flags[u]! & TOKEN_START) !== 0 && !onlySpaces(text, ends[u - 1]!, starts[u]!)) return true;
    }
    let joined = false;
    for (let u = first; u <= j; u++) {
      if ((flags[u]! & LATIN) === 0) return true;
      if (
        (u > first && (flags[u]! & TOKEN_START) !== 0) ||
        ((flags[u]! & CROSSED) !== 0 && !(u === first && this.innerHead) && !(u === j && this.innerTail))
      )
        joined = true;
    }
    if (!joined) return true;
    const common = latinCommonWords();
    let piece = '';
    for (let u = first; u <= j; u++) {
      const letter = String.fromCharCode(codes[u]!);
      if (u > first && (flags[u]! & TOKEN_START) !== 0) {
        if (!common.has(piece)) return true;
        piece = '';
      }
      piece += letter;
      if ((flags[u]! & CROSSED) !== 0 && !(u === first && this.innerHead) && !(u === j && this.innerTail)) {
        if (!common.has(piece)) return true;
        piece = letter;
      }
    }
    return !common.has(piece);
  }
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x3000 && code !== 0xa0) return false;
  }
  return true;
}

/** An allow-list hit shields every deny hit it contains (`assassin` shields both `ass`). */
function dropAllowed(denied: WordCandidate[], allowed: Span[] | undefined): WordCandidate[] {
  if (!allowed) return denied;
  return denied.filter((c) => !allowed.some((a) => a.start <= c.start && a.end >= c.end));
}

/** A deny hit whose first character lies inside a common word (增加|微信) straddles a word boundary. */
function dropStraddling(denied: WordCandidate[], boundaries: Span[] | undefined): WordCandidate[] {
  if (!boundaries) return denied;
  return denied.filter((c) => !boundaries.some((b) => b.start < c.start && c.start < b.end));
}
