import { cjkBoundaryWords } from './cjk-boundary-words.js';
import { contactVariants, HANDLE_KEYWORDS } from './contact-words.js';
import { strongerAction, type FilterPolicy, type WordEntry } from './filter-types.js';
import type { Normalizer } from './normalizer.js';
import { pinyinForm } from './pinyin-forms.js';

/** What a pattern hit means. */
export const enum VariantKind {
  Deny = 0,
  /** An allow entry: shields the deny hits it contains, if it spells them (same doubled letters). */
  Allow = 1,
  /** A common Chinese word: a deny hit starting strictly inside it straddles a word boundary. */
  Boundary = 2,
  /** A contact keyword for the contact-handle detector. */
  Handle = 3,
}

/** One meaning of a pattern. Several entries may normalise to one pattern (`as`, `ass`, `asss`). */
export interface Variant {
  kind: VariantKind;
  /** Deny entry index, else -1. */
  entry: number;
  /**
   * Per position, 2 where the entry itself doubles the letter (`ass`: [1, 2]): the text must have a
   * run of 2+ there (an allow entry: exactly as spelled, 1 or 2+). Null: no doubled letter.
   */
  need: Uint8Array | null;
  /** Pinyin forms: whole Latin word at both ends whatever the policy says. */
  wholeLatin: boolean;
}

/** The dictionary as the automaton and the scanner see it. */
export interface CompiledDictionary {
  /** Deny entries, indexed by {@link Variant.entry}. */
  entries: WordEntry[];
  /** For the automaton's build; not kept by the engine. */
  patterns: Int32Array[];
  /** Per pattern: its deny entry when that is all it means (the hot path), else -1. */
  simpleEntry: Int32Array;
  /** The meanings of every pattern that is not simple. */
  variants: ReadonlyMap<number, readonly Variant[]>;
  /** Longest deny or allow pattern, in units (boundary and keyword patterns left out). */
  longestWord: number;
}

const HAN_FIRST = 0x3400;

/**
 * Normalises every entry once and groups entries by normalised form. Adds, per policy: contact-word
 * variants of deny entries (`加微信` -> `加V信`, `加我vx`; with `homoglyph`), their pinyin forms, the contact keywords,
 * and the common Chinese words that can straddle an entry's first character.
 */
export function compileDictionary(words: readonly WordEntry[], policy: FilterPolicy, normalizer: Normalizer): CompiledDictionary {
  const entries: WordEntry[] = [];
  const patterns: Int32Array[] = [];
  const variants: Variant[][] = [];
  const ids = new Map<string, number>();
  let longestWord = 0;
  const actionOf = (entry: number): 'allow' | ReturnType<typeof strongerAction> =>
    entry < 0 ? 'allow' : policy.actions[entries[entry]!.category];

  const add = (text: string, kind: VariantKind, entry: number, wholeLatin = false): number => {
    const units = normalizer.normalize(text);
    const n = units.length;
    if (n === 0) return -1;
    const codes = units.codes.slice(0, n);
    let need: Uint8Array | null = null;
    for (let p = 0; p < n; p++) {
      if (units.runs[p]! < 2) continue;
      need ??= new Uint8Array(n).fill(1);
      need[p] = 2;
    }
    const key = String.fromCharCode(...new Uint16Array(codes.buffer));
    let id = ids.get(key);
    if (id === undefined) {
      id = patterns.length;
      ids.set(key, id);
      patterns.push(codes);
      variants.push([]);
    }
    if (kind === VariantKind.Deny || kind === VariantKind.Allow) longestWord = Math.max(longestWord, n);
    const list = variants[id]!;
    const twin = list.find((v) => v.kind === kind && v.wholeLatin === wholeLatin && sameNeed(v.need, need));
    if (!twin) list.push({ kind, entry, need, wholeLatin });
    else if (kind === VariantKind.Deny && strongerAction(actionOf(twin.entry), actionOf(entry)) !== actionOf(twin.entry)) {
      // Two entries that normalise alike: the one with the stronger action reports.
      twin.entry = entry;
    }
    return id;
  };

  for (const word of words) {
    if (word.allow) {
      add(word.word, VariantKind.Allow, -1);
      continue;
    }
    const entry = entries.length;
    entries.push(word);
    if (add(word.word, VariantKind.Deny, entry) < 0) {
      entries.pop();
      continue;
    }
    // Stand-ins are look-alikes of a kind: with homoglyph folding off, an entry means only itself.
    if (policy.normalize.homoglyph) for (const variant of contactVariants(word.word)) add(variant, VariantKind.Deny, entry);
    if (policy.normalize.pinyin) {
      const form = pinyinForm(word.word);
      if (form) add(form, VariantKind.Deny, entry, true);
    }
  }
  if (policy.pii.contactHandle) for (const keyword of HANDLE_KEYWORDS) add(keyword, VariantKind.Handle, -1);
  if (policy.normalize.wordBoundaries) addBoundaryWords(patterns, variants, add);

  const simpleEntry = new Int32Array(patterns.length).fill(-1);
  const complex = new Map<number, readonly Variant[]>();
  variants.forEach((list, id) => {
    // Deny first, the one that spells the most doubled letters first.
    list.sort((a, b) => a.kind - b.kind || doubled(b.need) - doubled(a.need));
    const only = list[0]!;
    if (list.length === 1 && only.kind === VariantKind.Deny && !only.need && !only.wholeLatin) simpleEntry[id] = only.entry;
    else complex.set(id, list);
  });
  return { entries, patterns, simpleEntry, variants: complex, longestWord };
}

/** Loads the common words whose later characters start some deny pattern (only those can straddle one). */
function addBoundaryWords(
  patterns: Int32Array[],
  variants: Variant[][],
  add: (text: string, kind: VariantKind, entry: number) => number,
): void {
  const heads = new Set<number>();
  patterns.forEach((codes, id) => {
    if (codes[0]! >= HAN_FIRST && variants[id]!.some((v) => v.kind === VariantKind.Deny)) heads.add(codes[0]!);
  });
  if (heads.size === 0) return;
  for (const word of cjkBoundaryWords()) {
    let straddles = false;
    for (let k = 1; k < word.length && !straddles; k++) straddles = heads.has(word.charCodeAt(k));
    if (straddles) add(word, VariantKind.Boundary, -1);
  }
}

function sameNeed(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function doubled(need: Uint8Array | null): number {
  let count = 0;
  if (need) for (const value of need) if (value === 2) count++;
  return count;
}
