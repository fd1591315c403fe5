import type { NormalizeOptions } from './filter-types.js';
import { traditionalToSimplified } from './traditional-table.js';

/** How the normaliser treats a (folded) character. */
export const enum CharClass {
  /** A letter or number that is kept: CJK, other scripts, digits 2 6 8 9. */
  Keep = 0,
  /** a-z after folding; subject to whole-word and repeat rules. */
  Latin = 1,
  /** 0 1 3 4 5 7: a digit, or a letter when it sits inside a Latin word. */
  LeetDigit = 2,
  /** @ $: a separator, or a letter when it sits inside a Latin word. */
  LeetSymbol = 3,
  /** Space, punctuation, symbol, emoji: skipped, and it ends a Latin word. */
  Separator = 4,
  /** Zero-width, format characters, combining marks: skipped, and words run through them. */
  Invisible = 5,
  /**
   * A Hangul jamo or katakana that looks like a Latin letter (`ㅇ` o, `ㅣ` i, `ロ` o): a letter only
   * inside a Latin word, so ordinary Korean and Japanese text stays itself.
   */
  WeakGlyph = 6,
  /** A symbol used for a contact-word character (`❤` for 信 after `V`/`微`): that character there, else a separator. */
  StandIn = 7,
}

const LEET_TO_LETTER: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

// Cyrillic and Greek letters that render like a Latin letter (after lower-casing).
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ɑ: 'a',
  ı: 'i',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ς: 's',
  μ: 'u',
  ս: 'u',
  օ: 'o',
  հ: 'h',
  ո: 'n',
};

// Hangul compatibility jamo and katakana that pass for Latin letters inside a Latin word.
const WEAK_GLYPHS: Record<string, string> = {
  ㅇ: 'o',
  ㅁ: 'o',
  ㅣ: 'i',
  ㄴ: 'l',
  ㄷ: 'c',
  ㅌ: 'e',
  ロ: 'o',
  エ: 'i',
  ト: 't',
  レ: 'l',
  コ: 'c',
  ヒ: 'e',
  メ: 'x',
  ノ: 'l',
  ニ: 'z',
  ㇿ: 'o',
};
const STAND_INS = new Set(['❤', '♥', '♡', '❣', '❥']);

const ACCENTED_LATIN = /^[a-zA-Z]\p{M}+$/u;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const INVISIBLE = /^[\p{M}\p{Cf}\u{FE00}-\u{FE0F}\u115F\u1160\u3164\uFFA0]$/u;

/** Folded code point for every BMP character, and the class of that folded character. */
export interface FoldTable {
  readonly fold: Int32Array;
  readonly cls: Uint8Array;
  /** Characters whose folding is several code points (e.g. `⑩` -> `10`, `ﬁ` -> `fi`). */
  readonly multi: Map<number, Int32Array>;
  /** Folding for characters outside the BMP, filled on first sight. */
  readonly astral: Map<number, number | Int32Array>;
  readonly options: NormalizeOptions;
}

const tables = new Map<string, FoldTable>();
let lastBuildMs = 0;

/** Milliseconds the most recent fold-table build took (tables are cached per option set). */
export function lastFoldTableBuildMs(): number {
  return lastBuildMs;
}

export function foldTableFor(options: NormalizeOptions): FoldTable {
  const key = `${+options.width}${+options.case}${+options.traditional}${+options.homoglyph}`;
  let table = tables.get(key);
  if (!table) {
    const started = performance.now();
    table = buildTable(options);
    lastBuildMs = performance.now() - started;
    tables.set(key, table);
  }
  return table;
}

export function leetLetter(code: number): number {
  return LEET_TO_LETTER[String.fromCharCode(code)]!.charCodeAt(0);
}

/** The Latin letter a {@link CharClass.WeakGlyph} stands for. */
export function weakGlyphLetter(code: number): number {
  return WEAK_GLYPHS[String.fromCharCode(code)]!.charCodeAt(0);
}

/** The fold of one code point, as a string (used for BMP table rows and astral characters). */
function foldString(char: string, options: NormalizeOptions, traditional: Map<number, number>): string {
  let out = char;
  if (options.width) {
    out = out.normalize('NFKC');
    // Strip accents from precomposed Latin letters (é -> e) but keep CJK and Hangul intact.
    const decomposed = out.normalize('NFD');
    if (decomposed.length > 1 && ACCENTED_LATIN.test(decomposed)) out = decomposed[0]!;
  }
  if (options.case) {
    const lower = out.toLowerCase();
    if (lower.length === out.length) out = lower;
  }
  if ((options.traditional || options.homoglyph) && out.length === 1) {
    const code = out.charCodeAt(0);
    const simplified = options.traditional ? traditional.get(code) : undefined;
    if (simplified !== undefined) return String.fromCodePoint(simplified);
    return (options.homoglyph ? HOMOGLYPHS[out] : undefined) ?? out;
  }
  if (options.traditional || options.homoglyph) {
    let mapped = '';
    for (const ch of out) {
      const code = ch.codePointAt(0)!;
      const simplified = options.traditional ? traditional.get(code) : undefined;
      const look = options.homoglyph ? HOMOGLYPHS[ch] : undefined;
      mapped += simplified !== undefined ? String.fromCodePoint(simplified) : (look ?? ch);
    }
    out = mapped;
  }
  return out;
}

export function classify(code: number): CharClass {
  if (code >= 0x61 && code <= 0x7a) return CharClass.Latin;
  if (code === 0x30 || code === 0x31 || code === 0x33 || code === 0x34 || code === 0x35 || code === 0x37) {
    return CharClass.LeetDigit;
  }
  if (code === 0x40 || code === 0x24) return CharClass.LeetSymbol;
  if (code >= 0x41 && code <= 0x5a) return CharClass.Latin; // only reachable with case folding off
  const char = String.fromCodePoint(code);
  if (LETTER_OR_NUMBER.test(char)) return CharClass.Keep;
  if (INVISIBLE.test(char)) return CharClass.Invisible;
  return CharClass.Separator;
}

function buildTable(options: NormalizeOptions): FoldTable {
  const fold = new Int32Array(0x10000);
  const cls = new Uint8Array(0x10000);
  const multi = new Map<number, Int32Array>();
  const traditional = options.traditional ? traditionalToSimplified() : new Map<number, number>();
  const identity = !options.width && !options.case && !options.traditional && !options.homoglyph;
  for (let code = 0; code < 0x10000; code++) {
    // Lone surrogates stay themselves; the normaliser pairs them before lookup.
    const isSurrogate = code >= 0xd800 && code <= 0xdfff;
    const char = String.fromCharCode(code);
    if (options.homoglyph && (WEAK_GLYPHS[char] !== undefined || STAND_INS.has(char))) {
      fold[code] = code;
      cls[code] = WEAK_GLYPHS[char] !== undefined ? CharClass.WeakGlyph : CharClass.StandIn;
      continue;
    }
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3)) {
      // CJK ideographs and Hangul syllables: NFKC and case are identities; only T->S applies.
      fold[code] = traditional.get(code) ?? code;
      cls[code] = CharClass.Keep;
      continue;
    }
    const folded =
      identity || isSurrogate ? String.fromCharCode(code) : foldString(String.fromCharCode(code), options, traditional);
    const single = folded.length === 1 || (folded.length === 2 && folded.codePointAt(0)! > 0xffff);
    if (single) {
      const point = folded.codePointAt(0)!;
      const look = options.homoglyph && point < 0x10000 ? String.fromCharCode(point) : '';
      if (look !== '' && (WEAK_GLYPHS[look] !== undefined || STAND_INS.has(look))) {
        // A half-width katakana folds (NFKC) to a look-alike: classify the folded form.
        fold[code] = point;
        cls[code] = WEAK_GLYPHS[look] !== undefined ? CharClass.WeakGlyph : CharClass.StandIn;
        continue;
      }
      fold[code] = point;
      cls[code] = isSurrogate ? CharClass.Separator : classify(point);
    } else {
      const points = Array.from(folded, (ch) => ch.codePointAt(0)!);
      fold[code] = -1;
      cls[code] = CharClass.Keep;
      multi.set(code, Int32Array.from(points));
    }
  }
  return { fold, cls, multi, astral: new Map(), options };
}

/** Fold of an astral code point: a single code point, or several. Cached per table. */
export function foldAstral(table: FoldTable, code: number): number | Int32Array {
  let hit = table.astral.get(code);
  if (hit === undefined) {
    const folded = foldString(String.fromCodePoint(code), table.options, traditionalToSimplified());
    const points = [...folded].map((ch) => ch.codePointAt(0)!);
    hit = points.length === 1 ? points[0]! : Int32Array.from(points);
    if (table.astral.size < 100_000) table.astral.set(code, hit);
  }
  return hit;
}
