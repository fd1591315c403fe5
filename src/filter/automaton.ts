/**
 * Aho-Corasick automaton over code points, stored as a double-array trie over a dense alphabet.
 *
 * Every code point that occurs in some pattern gets a symbol id (1, 2, ...; 0 = in no pattern), read
 * from a 64K table for the BMP (a map for astral code points). A character in no pattern sends the
 * scanner back to the root with one load. Transitions are `t = base[s] + symbol`, valid when
 * `check[t] === s`; the root's are a dense row indexed by symbol. State ids are double-array slots.
 * Symbols are numbered by frequency in the patterns, and the 31 most frequent (a Latin dictionary's
 * letters) also get rows of full transitions (goto with failure) in the root and in states up to
 * depth 3: the raw string scan then takes one load per character there instead of walking failure
 * links.
 * Every state knows its failure state and its dictionary-suffix link (the nearest terminal state on
 * its failure chain), so all matches are reported, including those that end inside a longer word
 * (`bc` in `abcx` with `abcd`).
 */
export class Automaton {
  /** State ids are below this (double-array slots; not all are used). */
  readonly size: number;
  /** Longest pattern, in code points. */
  readonly maxDepth: number;
  readonly fail: Int32Array;
  /** Nearest terminal state reachable by failure links, or -1. */
  readonly dictLink: Int32Array;
  /** Pattern id ending at this state, or -1. */
  readonly patternAt: Int32Array;
  /** 1 when the state or its dictionary link is terminal: the scanner must look. */
  readonly reports: Uint8Array;
  readonly depth: Int32Array;
  /** Length of the state's path in UTF-16 code units (offsets in raw mode). */
  readonly depthUnits: Int32Array;
  /** BMP code unit -> symbol id, 0 when the code point is in no pattern. */
  private readonly symbolOf: Uint16Array;
  /** Astral code point -> symbol id. */
  private readonly astralSymbol: Map<number, number>;
  /** Root transitions by symbol: the child state, or 0. */
  private readonly rootRow: Int32Array;
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  /**
   * Full transitions ("goto with failure") on the small symbols (1 to SMALL - 1): one row of SMALL
   * entries for the root and for every state up to ROW_DEPTH deep with a child on a small symbol.
   * An entry is the target's slot when it has no row, else `~(row offset | reports bit)`.
   */
  private rows = new Int32Array(SMALL);
  /** Slot -> row offset, or -1. */
  private rowOf = new Int32Array(1);
  /** Row index -> slot. */
  private rowSlot = new Int32Array(1);

  private constructor(
    size: number,
    maxDepth: number,
    symbolOf: Uint16Array,
    astralSymbol: Map<number, number>,
    rootRow: Int32Array,
    base: Int32Array,
    check: Int32Array,
  ) {
    this.size = size;
    this.maxDepth = maxDepth;
    this.symbolOf = symbolOf;
    this.astralSymbol = astralSymbol;
    this.rootRow = rootRow;
    this.base = base;
    this.check = check;
    this.fail = new Int32Array(size);
    this.dictLink = new Int32Array(size).fill(-1);
    this.patternAt = new Int32Array(size).fill(-1);
    this.reports = new Uint8Array(size);
    this.depth = new Int32Array(size);
    this.depthUnits = new Int32Array(size);
  }

  /**
   * Builds the automaton. Pattern `i` is reported with id `i`; when several patterns are equal the
   * first one wins (callers dedupe or merge before).
   */
  static build(patterns: readonly Int32Array[]): Automaton {
    // 1. Dense alphabet, most frequent code points first: the SMALL - 1 most frequent get rows of
    // full transitions in shallow states (for Latin dictionaries, the letters).
    const bmpCount = new Int32Array(0x10000);
    const astralCount = new Map<number, number>();
    const distinct: number[] = [];
    let total = 1;
    let maxDepth = 0;
    for (const pattern of patterns) {
      total += pattern.length;
      maxDepth = Math.max(maxDepth, pattern.length);
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern[i]!;
        if (code < 0x10000) {
          if (bmpCount[code] === 0) distinct.push(code);
          bmpCount[code]!++;
        } else {
          const seen = astralCount.get(code) ?? 0;
          if (seen === 0) distinct.push(code);
          astralCount.set(code, seen + 1);
        }
      }
    }
    const countOf = (code: number): number => (code < 0x10000 ? bmpCount[code]! : astralCount.get(code)!);
    distinct.sort((x, y) => countOf(y) - countOf(x) || x - y);
    const symbolOf = new Uint16Array(0x10000);
    const astralSymbol = new Map<number, number>();
    let symbols = 0;
    for (const code of distinct) {
      if (code < 0x10000) {
        if (symbols === 0xffff) throw new RangeError('Automaton: too many distinct characters');
        symbolOf[code] = ++symbols;
      } else {
        astralSymbol.set(code, ++symbols);
      }
    }
    const alphabet = symbols + 1;
    const symbolFor = (code: number): number => (code < 0x10000 ? symbolOf[code]! : astralSymbol.get(code)!);

    // 2. Temporary trie: dense root row, child lists (sorted by symbol) below.
    const rootChild = new Int32Array(alphabet);
    const firstChild = new Int32Array(total).fill(-1);
    const nextSibling = new Int32Array(total).fill(-1);
    const label = new Int32Array(total);
    const nodeDepth = new Int32Array(total);
    const nodeUnits = new Int32Array(total);
    const nodePattern = new Int32Array(total).fill(-1);
    let nodes = 1;
    for (let id = 0; id < patterns.length; id++) {
      const pattern = patterns[id]!;
      if (pattern.length === 0) continue;
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern[i]!;
        const symbol = symbolFor(code);
        let next: number;
        if (node === 0) {
          next = rootChild[symbol]!;
          if (next === 0) {
            next = nodes++;
            rootChild[symbol] = next;
            label[next] = symbol;
          }
        } else {
          // Sorted insertion into the child list.
          let previous = -1;
          let child = firstChild[node]!;
          while (child >= 0 && label[child]! < symbol) {
            previous = child;
            child = nextSibling[child]!;
          }
          if (child >= 0 && label[child] === symbol) {
            next = child;
          } else {
            next = nodes++;
            label[next] = symbol;
            nextSibling[next] = child;
            if (previous < 0) firstChild[node] = next;
            else nextSibling[previous] = next;
          }
        }
        if (nodeDepth[next] === 0) {
          nodeDepth[next] = nodeDepth[node]! + 1;
          nodeUnits[next] = nodeUnits[node]! + (code > 0xffff ? 2 : 1);
        }
        node = next;
      }
      if (nodePattern[node] === -1) nodePattern[node] = id;
    }
    // Root children, in symbol order, as a list too.
    let previousRoot = -1;
    for (let symbol = 1; symbol < alphabet; symbol++) {
      const child = rootChild[symbol]!;
      if (child === 0) continue;
      if (previousRoot < 0) firstChild[0] = child;
      else nextSibling[previousRoot] = child;
      previousRoot = child;
    }

    // 3. Double array, breadth first. The root's base is 0: its children sit at their symbol.
    let capacity = Math.max(1024, nodes + alphabet * 2);
    let slotCheck = new Int32Array(capacity).fill(-1);
    let slotBase = new Int32Array(capacity);
    // Smallest free slot at or after i (path-compressed skip list over taken slots).
    let skip = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) skip[i] = i;
    const grow = (needed: number): void => {
      let size = capacity;
      while (size <= needed) size *= 2;
      const c = new Int32Array(size).fill(-1);
      c.set(slotCheck);
      const b = new Int32Array(size);
      b.set(slotBase);
      const s = new Int32Array(size);
      s.set(skip);
      for (let i = capacity; i < size; i++) s[i] = i;
      slotCheck = c;
      slotBase = b;
      skip = s;
      capacity = size;
    };
    const freeFrom = (i: number): number => {
      if (i >= capacity) grow(i + alphabet);
      let root = i;
      while (skip[root] !== root) {
        root = skip[root]!;
        if (root >= capacity) grow(root + alphabet);
      }
      while (skip[i] !== root) {
        const next = skip[i]!;
        skip[i] = root;
        i = next;
      }
      return root;
    };
    const take = (slot: number): void => {
      if (slot + 1 >= capacity) grow(slot + 1 + alphabet);
      skip[slot] = slot + 1;
    };
    take(0);
    slotCheck[0] = -2; // the root is nobody's child
    const slotOf = new Int32Array(nodes);
    const queue = new Int32Array(nodes);
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    let maxSlot = 0;
    while (head < tail) {
      const node = queue[head++]!;
      const first = firstChild[node]!;
      if (first < 0) continue;
      const parentSlot = slotOf[node]!;
      let base: number;
      if (node === 0) {
        base = 0;
      } else {
        const firstLabel = label[first]!;
        let slot = freeFrom(firstLabel + 1);
        for (;;) {
          base = slot - firstLabel;
          let fits = true;
          for (let child = nextSibling[first]!; child >= 0; child = nextSibling[child]!) {
            const at = base + label[child]!;
            if (at >= capacity) grow(at + alphabet);
            if (slotCheck[at] !== -1) {
              fits = false;
              break;
            }
          }
          if (fits) break;
          slot = freeFrom(slot + 1);
        }
      }
      slotBase[parentSlot] = base;
      for (let child = first; child >= 0; child = nextSibling[child]!) {
        const at = base + label[child]!;
        take(at);
        slotCheck[at] = parentSlot;
        slotOf[child] = at;
        if (at > maxSlot) maxSlot = at;
        queue[tail++] = child;
      }
    }

    // Leaves keep base 0; every base + symbol must stay inside the arrays.
    const size = maxSlot + alphabet + 1;
    const check = new Int32Array(size).fill(-1);
    check.set(slotCheck.subarray(0, Math.min(size, capacity)));
    check[0] = -1;
    const base = slotBase.slice(0, size);
    const rootRow = new Int32Array(alphabet);
    for (let symbol = 1; symbol < alphabet; symbol++) {
      const child = rootChild[symbol]!;
      if (child !== 0) rootRow[symbol] = slotOf[child]!;
    }
    const automaton = new Automaton(size, maxDepth, symbolOf, astralSymbol, rootRow, base, check);
    for (let node = 1; node < nodes; node++) {
      const slot = slotOf[node]!;
      automaton.depth[slot] = nodeDepth[node]!;
      automaton.depthUnits[slot] = nodeUnits[node]!;
      automaton.patternAt[slot] = nodePattern[node]!;
    }
    automaton.linkFailures(queue, tail, slotOf, label, firstChild, nextSibling);
    automaton.buildRows(queue, tail, slotOf, label, firstChild, alphabet);
    return automaton;
  }

  /** Failure and dictionary links, in the breadth-first order of `queue` (trie node ids). */
  private linkFailures(
    queue: Int32Array,
    count: number,
    slotOf: Int32Array,
    label: Int32Array,
    firstChild: Int32Array,
    nextSibling: Int32Array,
  ): void {
    const { fail, dictLink, patternAt, reports, base, check, rootRow } = this;
    for (let k = 0; k < count; k++) {
      const node = queue[k]!;
      const parent = slotOf[node]!;
      for (let child = firstChild[node]!; child >= 0; child = nextSibling[child]!) {
        const slot = slotOf[child]!;
        const symbol = label[child]!;
        let failState = 0;
        if (node !== 0) {
          let candidate = fail[parent]!;
          while (candidate !== 0 && check[base[candidate]! + symbol] !== candidate) candidate = fail[candidate]!;
          failState = candidate !== 0 ? base[candidate]! + symbol : rootRow[symbol]!;
        }
        fail[slot] = failState;
        dictLink[slot] = patternAt[failState]! >= 0 ? failState : dictLink[failState]!;
        reports[slot] = patternAt[slot]! >= 0 || dictLink[slot]! >= 0 ? 1 : 0;
      }
    }
  }

  private buildRows(
    queue: Int32Array,
    count: number,
    slotOf: Int32Array,
    label: Int32Array,
    firstChild: Int32Array,
    alphabet: number,
  ): void {
    const { base, check, fail, reports, depth } = this;
    const rowOf = new Int32Array(this.size).fill(-1);
    const slots = [0];
    rowOf[0] = 0;
    for (let k = 1; k < count; k++) {
      const node = queue[k]!;
      const slot = slotOf[node]!;
      if (depth[slot]! > ROW_DEPTH) break;
      const first = firstChild[node]!;
      if (first >= 0 && label[first]! < SMALL) {
        rowOf[slot] = slots.length * SMALL;
        slots.push(slot);
      }
    }
    const rows = new Int32Array(slots.length * SMALL);
    const last = Math.min(SMALL, alphabet);
    for (let r = 0; r < slots.length; r++) {
      for (let symbol = 1; symbol < last; symbol++) {
        // A missing child takes the failure state's transition; rows are in breadth-first order,
        // so a failure state's row is complete.
        let state = slots[r]!;
        let entry: number;
        for (;;) {
          const t = base[state]! + symbol;
          if (check[t] === state) {
            entry = rowOf[t]! >= 0 ? ~(rowOf[t]! | reports[t]!) : t;
            break;
          }
          if (state === 0) {
            entry = 0;
            break;
          }
          state = fail[state]!;
          const row = rowOf[state]!;
          if (row >= 0) {
            entry = rows[row + symbol]!;
            break;
          }
        }
        rows[r * SMALL + symbol] = entry;
      }
    }
    this.rows = rows;
    this.rowOf = rowOf;
    this.rowSlot = Int32Array.from(slots);
  }

  /** Goto function without failure: the child of `state` on `code`, or -1. */
  next(state: number, code: number): number {
    const symbol = code < 0x10000 ? this.symbolOf[code]! : (this.astralSymbol.get(code) ?? 0);
    if (symbol === 0 || state < 0) return -1;
    if (state === 0) {
      const hit = this.rootRow[symbol]!;
      return hit > 0 ? hit : -1;
    }
    const t = this.base[state]! + symbol;
    return this.check[t] === state ? t : -1;
  }

  /**
   * Runs the automaton over `codes[0, length)` (code points; or a string, read as code points with
   * indices in code units) and appends `(index, state)` to `hits` wherever a
   * pattern ends. A unit whose `flags` has `breakFlag` set restarts from the root. Returns the state
   * before consuming unit `recordAt` (the stream filter's "match in progress" probe).
   */
  scan(
    codes: Int32Array | string,
    length: number,
    flags: Uint8Array | null,
    breakFlag: number,
    hits: HitList,
    recordAt: number,
  ): number {
    if (typeof codes === 'string') return this.scanString(codes, length, hits, recordAt);
    return this.scanCodes(codes, length, flags, breakFlag, hits, recordAt);
  }

  /** Raw mode: reads the string directly; indices are code units (a pair's hit is at its low half). */
  private scanString(text: string, length: number, hits: HitList, recordAt: number): number {
    const { symbolOf, rootRow, base, check, fail, reports, rows, rowOf, rowSlot } = this;
    let recorded = 0;
    // `state` < 0 is a state with a row, `~state` its row offset | reports bit; else a slot.
    let state = 0;
    for (let j = 0; j < length; j++) {
      if (j === recordAt) recorded = state;
      const code = text.charCodeAt(j);
      let symbol: number;
      if (code >= 0xd800 && code <= 0xdbff && j + 1 < length) {
        const low = text.charCodeAt(j + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          symbol = this.astralSymbol.get(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000) ?? 0;
          j++;
        } else {
          symbol = symbolOf[code]!;
        }
      } else {
        symbol = symbolOf[code]!;
      }
      if (symbol === 0) {
        state = 0;
        continue;
      }
      if (symbol < SMALL) {
        if (state < 0) {
          state = rows[(~state & -SMALL) + symbol]!;
        } else {
          // Up the failure chain to a state with a row (the root has one) or a child.
          for (;;) {
            const row = rowOf[state]!;
            if (row >= 0) {
              state = rows[row + symbol]!;
              break;
            }
            const t = base[state]! + symbol;
            if (check[t] === state) {
              state = t;
              break;
            }
            state = fail[state]!;
          }
        }
      } else {
        if (state < 0) state = rowSlot[~state >> SMALL_BITS]!;
        let next = 0;
        while (state !== 0) {
          const t = base[state]! + symbol;
          if (check[t] === state) {
            next = t;
            break;
          }
          state = fail[state]!;
        }
        state = next !== 0 ? next : rootRow[symbol]!;
      }
      if (state < 0) {
        if ((~state & 1) !== 0) hits.push(j, rowSlot[~state >> SMALL_BITS]!);
      } else if (reports[state] !== 0) {
        hits.push(j, state);
      }
    }
    const result = recordAt >= length ? state : recorded;
    return result < 0 ? rowSlot[~result >> SMALL_BITS]! : result;
  }

  /** Normalised units (code points); a unit flagged `breakFlag` restarts from the root. */
  private scanCodes(
    codes: Int32Array,
    length: number,
    flags: Uint8Array | null,
    breakFlag: number,
    hits: HitList,
    recordAt: number,
  ): number {
    const { symbolOf, rootRow, base, check, fail, reports } = this;
    let recorded = 0;
    let state = 0;
    for (let j = 0; j < length; j++) {
      if (j === recordAt) recorded = state;
      const code = codes[j]!;
      const symbol = code < 0x10000 ? symbolOf[code]! : (this.astralSymbol.get(code) ?? 0);
      if (symbol === 0) {
        state = 0;
        continue;
      }
      if (flags !== null && (flags[j]! & breakFlag) !== 0) state = 0;
      let next = 0;
      while (state !== 0) {
        const t = base[state]! + symbol;
        if (check[t] === state) {
          next = t;
          break;
        }
        state = fail[state]!;
      }
      state = next !== 0 ? next : rootRow[symbol]!;
      if (reports[state] !== 0) hits.push(j, state);
    }
    return recordAt >= length ? state : recorded;
  }
}

/** Symbols below this get rows of full transitions in shallow states. */
const SMALL_BITS = 5;
const SMALL = 1 << SMALL_BITS;
/** Deepest state with such a row. */
const ROW_DEPTH = 3;

/** Growable list of (unit index, state) pairs, reused between scans. */
export class HitList {
  data = new Int32Array(64);
  length = 0;

  push(index: number, state: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = index;
    this.data[this.length++] = state;
  }
}
