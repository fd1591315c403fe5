import { CharClass, classify, foldAstral, foldTableFor, leetLetter, type FoldTable } from './char-fold-table.js';
import type { NormalizeOptions } from './filter-types.js';

/** Unit flags. */
export const LATIN = 1;
/** The unit's first occurrence starts a Latin word. */
export const TOKEN_START = 2;
/** The unit's last occurrence ends a Latin word. */
export const TOKEN_END = 4;
/** Too many skipped characters before this unit: no match may run across the gap. */
export const BREAK_BEFORE = 8;
/** The unit is a repeated letter collapsed across a word break (`as shole`): see innerStart/innerEnd. */
export const CROSSED = 16;

/**
 * At most this many code points may be skipped between two letters of one match. It bounds how far
 * apart the letters of a word can be (`f . . . u`) and keeps skipping from gluing distant words.
 */
export const MAX_GAP = 6;
/** A leet character becomes a letter only if a Latin letter is reachable through at most this many leet characters. */
const LEET_REACH = 4;

/**
 * The normalised form of a text: one "unit" per kept character, each remembering the span of the
 * original text it came from. Buffers are reused between calls; read them before the next call.
 */
export interface NormalizedText {
  length: number;
  codes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  /** For CROSSED units: where the last word-initial occurrence starts. */
  innerStart: Int32Array;
  /** For CROSSED units: where the first word-final occurrence ends. */
  innerEnd: Int32Array;
  /** Code points skipped after the last unit, counted only if at least one of them is a separator. */
  trailingGap: number;
}

/**
 * Single-pass normaliser. Folding (width, case, traditional, homoglyph) is one table lookup per
 * character; leet, repeat and skip are decided in the same pass from a few neighbouring characters,
 * so every decision depends on a bounded window (the stream filter relies on that).
 */
export class Normalizer {
  private readonly table: FoldTable;
  private out: NormalizedText;

  constructor(readonly options: NormalizeOptions) {
    this.table = foldTableFor(options);
    this.out = allocate(256);
  }

  normalize(text: string): NormalizedText {
    const { fold, cls } = this.table;
    const { leet, repeat, skip } = this.options;
    let out = this.out;
    if (out.codes.length < text.length * 2 + 8) out = this.grow(text.length * 2 + 8);
    const { codes, starts, ends, flags, innerStart, innerEnd } = out;
    let n = 0;
    let inLatin = false; // inside a Latin word (invisible characters do not end it)
    let gap = 0;
    let separatorSinceUnit = false;
    const length = text.length;
    for (let i = 0; i < length; ) {
      let code = text.charCodeAt(i);
      let width = 1;
      let folded: number;
      let kind: number;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (width === 1) {
        folded = fold[code]!;
        kind = cls[code]!;
        if (folded < 0) {
          if (inLatin) flags[n - 1]! |= TOKEN_END;
          n = this.emitMany(this.table.multi.get(code)!, i, 1, n, gap);
          inLatin = false;
          gap = 0;
          separatorSinceUnit = false;
          i += 1;
          continue;
        }
      } else {
        const astral = foldAstral(this.table, code);
        if (typeof astral !== 'number') {
          if (inLatin) flags[n - 1]! |= TOKEN_END;
          n = this.emitMany(astral, i, 2, n, gap);
          inLatin = false;
          gap = 0;
          separatorSinceUnit = false;
          i += 2;
          continue;
        }
        folded = astral;
        kind = classify(folded);
      }
      if (kind === CharClass.LeetDigit || kind === CharClass.LeetSymbol) {
        if (leet && this.inLatinContext(text, i)) {
          folded = leetLetter(folded);
          kind = CharClass.Latin;
        } else if (kind === CharClass.LeetSymbol) {
          kind = CharClass.Separator;
        } else {
          kind = CharClass.Keep;
        }
      }
      if (skip && (kind === CharClass.Separator || kind === CharClass.Invisible)) {
        if (kind === CharClass.Separator) {
          if (inLatin) flags[n - 1]! |= TOKEN_END;
          inLatin = false;
          separatorSinceUnit = true;
        } else if (n > 0 && ends[n - 1] === i) {
          // A combining mark or zero-width character right after a letter belongs to that letter.
          ends[n - 1] = i + width;
        }
        gap++;
        i += width;
        continue;
      }
      let flag = 0;
      if (kind === CharClass.Latin) {
        const previous = n - 1;
        if (repeat && previous >= 0 && codes[previous] === folded && gap <= MAX_GAP && (flags[previous]! & LATIN) !== 0) {
          if (separatorSinceUnit) {
            // `as shole`: one unit, but remember both word edges it spans.
            if ((flags[previous]! & CROSSED) === 0) innerEnd[previous] = ends[previous]!;
            flags[previous] = (flags[previous]! | CROSSED) & ~TOKEN_END;
            innerStart[previous] = i;
          }
          ends[previous] = i + width;
          inLatin = true;
          gap = 0;
          separatorSinceUnit = false;
          i += width;
          continue;
        }
        flag = inLatin ? LATIN : LATIN | TOKEN_START;
        inLatin = true;
      } else {
        if (inLatin) flags[n - 1]! |= TOKEN_END;
        inLatin = false;
      }
      if (gap > MAX_GAP) flag |= BREAK_BEFORE;
      codes[n] = folded;
      starts[n] = i;
      ends[n] = i + width;
      flags[n] = flag;
      n++;
      gap = 0;
      separatorSinceUnit = false;
      i += width;
    }
    if (inLatin && n > 0) flags[n - 1]! |= TOKEN_END;
    out.length = n;
    // Only a separator fixes the last unit's end: invisible characters alone may still join a letter to it.
    out.trailingGap = separatorSinceUnit ? gap : 0;
    return out;
  }

  /**
   * Earliest index at or after `from` holding a leet candidate (0 1 3 4 5 7 @ $ and their folded
   * look-alikes), or -1: only around those can appending text change how earlier text normalises.
   */
  firstLeetCandidate(text: string, from: number): number {
    if (!this.options.leet) return -1;
    const { fold, cls } = this.table;
    for (let i = Math.max(0, from); i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (fold[code]! < 0) continue;
      const kind = cls[code];
      if (kind === CharClass.LeetDigit || kind === CharClass.LeetSymbol) return i;
    }
    return -1;
  }

  /** A leet character counts as a letter if a Latin letter is reachable through a short run of leet characters. */
  private inLatinContext(text: string, at: number): boolean {
    return this.latinWithin(text, at, -1) || this.latinWithin(text, at, 1);
  }

  private latinWithin(text: string, at: number, step: number): boolean {
    const { fold, cls } = this.table;
    for (let k = 1, i = at + step; k <= LEET_REACH && i >= 0 && i < text.length; k++, i += step) {
      const code = text.charCodeAt(i);
      if (fold[code]! < 0) return false;
      const kind = cls[code];
      if (kind === CharClass.Latin) return true;
      if (kind !== CharClass.LeetDigit && kind !== CharClass.LeetSymbol) return false;
    }
    return false;
  }

  private emitMany(points: Int32Array, at: number, width: number, n: number, gap: number): number {
    const out = this.out;
    let first = true;
    for (const point of points) {
      const kind = classify(point);
      if (this.options.skip && (kind === CharClass.Separator || kind === CharClass.Invisible)) continue;
      out.codes[n] = point;
      out.starts[n] = at;
      out.ends[n] = at + width;
      out.flags[n] = first && gap > MAX_GAP ? BREAK_BEFORE : 0;
      first = false;
      n++;
    }
    return n;
  }

  private grow(capacity: number): NormalizedText {
    const next = allocate(capacity * 2);
    this.out = next;
    return next;
  }
}

function allocate(capacity: number): NormalizedText {
  return {
    length: 0,
    codes: new Int32Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    innerStart: new Int32Array(capacity),
    innerEnd: new Int32Array(capacity),
    trailingGap: 0,
  };
}
