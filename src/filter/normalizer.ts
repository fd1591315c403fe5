import { CharClass, classify, foldAstral, foldTableFor, leetLetter, weakGlyphLetter, type FoldTable } from './char-fold-table.js';
import type { NormalizeOptions } from './filter-types.js';
import { inLatinContext, leetAllowed } from './leet-context.js';

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
/** A run count saturates here; only 1 versus 2+ matters to matching. */
const RUN_CAP = 255;
/** Units a {@link CharClass.StandIn} symbol may follow to stand for 信 (`V❤`, `微❤`). */
const STAND_IN_AFTER = new Set([0x76, 0x5fae, 0x5a01, 0x8587, 0x7ef4, 0x5fbd, 0x56f4]);
const STAND_IN_FOR = 0x4fe1; // 信

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
  /** How many letters the unit collapsed (1, or more for `sss`), capped at 255. */
  runs: Uint8Array;
  /** For CROSSED units: the count in the last word segment (what a match starting here spells). */
  runHead: Uint8Array;
  /** For CROSSED units: the count in the first word segment (what a match ending here spells). */
  runTail: Uint8Array;
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
    const { codes, starts, ends, flags, innerStart, innerEnd, runs, runHead, runTail } = out;
    let n = 0;
    let inLatin = false; // inside a Latin word (invisible characters do not end it)
    let gap = 0;
    let lastSkipInvisible = false;
    let separatorSinceUnit = false;
    const length = text.length;
    for (let i = 0; i < length;) {
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
          lastSkipInvisible = false;
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
          lastSkipInvisible = false;
          separatorSinceUnit = false;
          i += 2;
          continue;
        }
        folded = astral;
        kind = classify(folded);
      }
      if (kind === CharClass.LeetDigit || kind === CharClass.LeetSymbol) {
        if (leet && leetAllowed(this.table, text, i, folded)) {
          folded = leetLetter(folded);
          kind = CharClass.Latin;
        } else if (kind === CharClass.LeetSymbol) {
          kind = CharClass.Separator;
        } else {
          kind = CharClass.Keep;
        }
      } else if (kind === CharClass.WeakGlyph) {
        if (inLatinContext(this.table, text, i)) {
          folded = weakGlyphLetter(folded);
          kind = CharClass.Latin;
        } else {
          kind = CharClass.Keep;
        }
      } else if (kind === CharClass.StandIn) {
        // Decided by the unit just before it only, so appending text never changes it.
        const after = n > 0 && ends[n - 1] === i && STAND_IN_AFTER.has(codes[n - 1]!);
        folded = after ? STAND_IN_FOR : folded;
        kind = after ? CharClass.Keep : CharClass.Separator;
      }
      if (skip && (kind === CharClass.Separator || kind === CharClass.Invisible)) {
        if (kind === CharClass.Separator) {
          if (inLatin) flags[n - 1]! |= TOKEN_END;
          inLatin = false;
          separatorSinceUnit = true;
          gap++;
          lastSkipInvisible = false;
        } else {
          // A combining mark or zero-width character right after a letter belongs to that letter.
          if (n > 0 && ends[n - 1] === i) ends[n - 1] = i + width;
          // A run of invisible characters is one gap: stacking them must not outrun MAX_GAP.
          if (!lastSkipInvisible) gap++;
          lastSkipInvisible = true;
        }
        i += width;
        continue;
      }
      let flag = 0;
      if (kind === CharClass.Latin) {
        const previous = n - 1;
        if (repeat && previous >= 0 && codes[previous] === folded && gap <= MAX_GAP && (flags[previous]! & LATIN) !== 0) {
          if (separatorSinceUnit) {
            // `as shole`: one unit, but remember both word edges it spans, and how many letters each side spells.
            if ((flags[previous]! & CROSSED) === 0) {
              innerEnd[previous] = ends[previous]!;
              runTail[previous] = runs[previous]!;
            }
            flags[previous] = (flags[previous]! | CROSSED) & ~TOKEN_END;
            innerStart[previous] = i;
            runHead[previous] = 0;
          }
          ends[previous] = i + width;
          if (runs[previous]! < RUN_CAP) runs[previous]!++;
          if (runHead[previous]! < RUN_CAP) runHead[previous]!++;
          if ((flags[previous]! & CROSSED) === 0) runTail[previous] = runs[previous]!;
          inLatin = true;
          gap = 0;
          lastSkipInvisible = false;
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
      runs[n] = 1;
      runHead[n] = 1;
      runTail[n] = 1;
      n++;
      gap = 0;
      separatorSinceUnit = false;
      lastSkipInvisible = false;
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
      if (kind === CharClass.LeetDigit || kind === CharClass.LeetSymbol || kind === CharClass.WeakGlyph) return i;
    }
    return -1;
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
      out.runs[n] = 1;
      out.runHead[n] = 1;
      out.runTail[n] = 1;
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
    runs: new Uint8Array(capacity),
    runHead: new Uint8Array(capacity),
    runTail: new Uint8Array(capacity),
    trailingGap: 0,
  };
}
