/** Word-list categories. Each category maps to one {@link FilterAction} through the policy. */
export type FilterCategory = 'profanity' | 'politics' | 'ads' | 'pii' | 'custom';

/** What to do with a message containing a match. Strength order: block > review > flag > mask. */
export type FilterAction = 'mask' | 'block' | 'flag' | 'review';

/** One dictionary line. `allow: true` makes it an allow-list entry that shields the words it contains. */
export interface WordEntry {
  word: string;
  category: FilterCategory;
  allow?: boolean;
}

/** Evasion countermeasures and precision rules, each switchable per site. All default to `true` except `pinyin`. */
export interface NormalizeOptions {
  /** NFKC compatibility folding: full-width, enclosed, mathematical letters; strips accents. */
  width: boolean;
  /** Lower-case folding. */
  case: boolean;
  /** Traditional -> simplified Chinese (per character, from OpenCC's TSCharacters table). */
  traditional: boolean;
  /** Cyrillic/Greek look-alikes -> Latin. */
  homoglyph: boolean;
  /** 0 1 3 4 5 7 @ $ -> o i e a s t a s, only next to Latin letters. */
  leet: boolean;
  /** Runs of the same Latin letter collapse to one (applied to the dictionary too). */
  repeat: boolean;
  /** Spaces, punctuation, symbols, emoji, invisible characters and combining marks between letters are ignored. */
  skip: boolean;
  /**
   * Latin words match whole words only: a match whose first (last) character is a Latin letter must
   * start (end) at a word boundary, so `ass` does not fire inside `class` or `assignment`.
   */
  latinWholeWord: boolean;
  /**
   * Word boundaries decide, not just letters: a Chinese entry whose first character ends a common
   * word in the text (增加|微信, 替代|开发票) is no match, and a Latin match joined across spaces
   * out of nothing but common words (`an us`) is no match. Default `true`.
   */
  wordBoundaries: boolean;
  /**
   * Also match the toneless pinyin of Chinese entries (`违禁品` -> `weijinpin`, `wei jin pin`) as
   * whole Latin words; forms under 5 letters are not generated. Default `false`: pinyin collides
   * with place and person names in addresses (`jiyuan`), and it costs ~6 µs per entry at build.
   */
  pinyin: boolean;
}

/** Built-in PII detectors. Every switch defaults to `true`. */
export interface PiiOptions {
  phone: boolean;
  email: boolean;
  /** 18-character PRC ID with a valid checksum AND (a valid region and birth date, or an ID keyword nearby). */
  idCard: boolean;
  /** 13-19 digits with a valid Luhn digit AND (a known card prefix and length, or a card keyword nearby). */
  bankCard: boolean;
  contactHandle: boolean;
  /**
   * The site's order-number shapes: regular-expression sources (JavaScript syntax, compiled with the
   * `u` flag), at most 20 of at most 200 characters each. A phone, ID or card hit inside a match is
   * not PII. Validated at engine build: an invalid one throws {@link FilterPolicyError}. Default `[]`.
   */
  orderNumberPatterns: string[];
}

/** The on/off switches of {@link PiiOptions}. */
export const PII_SWITCHES = ['phone', 'email', 'idCard', 'bankCard', 'contactHandle'] as const;

/** Per-site filter configuration; {@link defaultPolicy} fills whatever a site leaves out. */
export interface FilterPolicy {
  normalize: NormalizeOptions;
  pii: PiiOptions;
  actions: Record<FilterCategory, FilterAction>;
}

/** A site-supplied override: any group may be partial. */
export interface FilterPolicyInput {
  normalize?: Partial<NormalizeOptions>;
  pii?: Partial<PiiOptions>;
  actions?: Partial<Record<FilterCategory, FilterAction>>;
}

/** One hit. Offsets are UTF-16 code units into the ORIGINAL text, `end` exclusive. */
export interface FilterMatch {
  start: number;
  end: number;
  /** The dictionary entry as written (for PII: the detector name, e.g. `phone`). */
  word: string;
  category: FilterCategory;
  source: 'word' | 'pii';
}

/** Result of {@link SensitiveWordEngine.check}. */
export interface FilterVerdict {
  /** The strongest action over all matches: block > review > flag > mask > allow. */
  action: 'allow' | FilterAction;
  /** The text with every `mask`/`block` match and every PII match replaced by `*`. */
  text: string;
  matches: FilterMatch[];
}

/**
 * Result of {@link SensitiveWordEngine.inspect}: one pass, two texts. `text` (PII masked) is for the
 * model, the logs and anything stored for them; `textForAgents` keeps the customer's own contact
 * details (PII) and masks only words, for the site's agents and ticket payloads.
 */
export interface InspectedVerdict extends FilterVerdict {
  /** `mask`/`block` word matches replaced by `*`; PII left as typed. */
  textForAgents: string;
  /** The PII matches alone (also in `matches`), so a caller can tell the customer what was hidden. */
  pii: FilterMatch[];
}

export const defaultPolicy: FilterPolicy = Object.freeze({
  normalize: Object.freeze({
    width: true,
    case: true,
    traditional: true,
    homoglyph: true,
    leet: true,
    repeat: true,
    skip: true,
    latinWholeWord: true,
    wordBoundaries: true,
    pinyin: false,
  }),
  pii: Object.freeze({
    phone: true,
    email: true,
    idCard: true,
    bankCard: true,
    contactHandle: true,
    orderNumberPatterns: Object.freeze([]) as unknown as string[],
  }),
  actions: Object.freeze({
    profanity: 'mask',
    politics: 'block',
    ads: 'flag',
    pii: 'mask',
    custom: 'mask',
  }),
}) as FilterPolicy;

/** Every normalisation off: the engine is then a plain Aho-Corasick matcher over code points. */
export const rawNormalizeOptions: NormalizeOptions = Object.freeze({
  width: false,
  case: false,
  traditional: false,
  homoglyph: false,
  leet: false,
  repeat: false,
  skip: false,
  latinWholeWord: false,
  wordBoundaries: false,
  pinyin: false,
});

/** Merges a partial policy over {@link defaultPolicy}. Regexes are checked later, at engine build. */
export function resolvePolicy(input: FilterPolicyInput = {}): FilterPolicy {
  return {
    normalize: { ...defaultPolicy.normalize, ...input.normalize },
    pii: { ...defaultPolicy.pii, ...input.pii },
    actions: { ...defaultPolicy.actions, ...input.actions },
  };
}

const ACTION_RANK: Record<'allow' | FilterAction, number> = { allow: 0, mask: 1, flag: 2, review: 3, block: 4 };

export function strongerAction(a: 'allow' | FilterAction, b: 'allow' | FilterAction): 'allow' | FilterAction {
  return ACTION_RANK[b] > ACTION_RANK[a] ? b : a;
}

/** Actions whose matched characters are replaced by `*` in the output text. */
export function isMaskingAction(action: FilterAction): boolean {
  return action === 'mask' || action === 'block';
}
