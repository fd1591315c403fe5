/**
 * Aho-Corasick automaton over code points, stored in flat typed arrays.
 *
 * Transitions live in one open-addressing hash table keyed by (state, code point), plus a dense
 * 64K table for the root, where a scanner spends most of its time. Every state knows its failure
 * state and its dictionary-suffix link (the nearest terminal state on its failure chain), so all
 * matches are reported, including those that end inside a longer word (`bc` in `abcx` with `abcd`).
 */
export class Automaton {
  /** Number of states, root included. */
  readonly size: number;
  /** Longest pattern, in code points. */
  readonly maxDepth: number;
  readonly rootNext: Int32Array;
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
  /** Bit (code & 31) set for every child label: most misses end here without touching the hash table. */
  private readonly childBits: Int32Array;
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  private constructor(size: number, capacity: number) {
    this.size = size;
    this.maxDepth = 0;
    this.rootNext = new Int32Array(0x10000);
    this.fail = new Int32Array(size);
    this.dictLink = new Int32Array(size).fill(-1);
    this.patternAt = new Int32Array(size).fill(-1);
    this.reports = new Uint8Array(size);
    this.depth = new Int32Array(size);
    this.depthUnits = new Int32Array(size);
    this.childBits = new Int32Array(size);
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  /**
   * Builds the automaton. Pattern `i` is reported with id `i`; when several patterns are equal the
   * first one wins (callers dedupe or merge before).
   */
  static build(patterns: readonly Int32Array[]): Automaton {
    let total = 1;
    for (const pattern of patterns) total += pattern.length;
    // Load factor <= 1/3 keeps linear-probing misses short (the scanner misses far more than it hits).
    let capacity = 16;
    while (capacity < total * 3) capacity *= 2;
    const builder = new Automaton(total, capacity);
    const firstChild = new Int32Array(total).fill(-1);
    const nextSibling = new Int32Array(total).fill(-1);
    const label = new Int32Array(total);
    let states = 1;
    let maxDepth = 0;
    for (let id = 0; id < patterns.length; id++) {
      const pattern = patterns[id]!;
      if (pattern.length === 0) continue;
      let state = 0;
      for (const code of pattern) {
        let next = builder.next(state, code);
        if (next < 0) {
          next = states++;
          builder.put(state, code, next);
          label[next] = code;
          nextSibling[next] = firstChild[state]!;
          firstChild[state] = next;
          builder.depth[next] = builder.depth[state]! + 1;
          builder.depthUnits[next] = builder.depthUnits[state]! + (code > 0xffff ? 2 : 1);
        }
        state = next;
      }
      if (builder.patternAt[state] === -1) builder.patternAt[state] = id;
      maxDepth = Math.max(maxDepth, pattern.length);
    }
    (builder as { maxDepth: number }).maxDepth = maxDepth;
    (builder as { size: number }).size = states;
    builder.linkFailures(firstChild, nextSibling, label, states);
    return builder;
  }

  private linkFailures(firstChild: Int32Array, nextSibling: Int32Array, label: Int32Array, states: number): void {
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let child = firstChild[0]!; child >= 0; child = nextSibling[child]!) {
      this.fail[child] = 0;
      queue[tail++] = child;
    }
    while (head < tail) {
      const parent = queue[head++]!;
      for (let child = firstChild[parent]!; child >= 0; child = nextSibling[child]!) {
        const code = label[child]!;
        let candidate = this.fail[parent]!;
        let target = -1;
        for (;;) {
          target = this.next(candidate, code);
          if (target >= 0 || candidate === 0) break;
          candidate = this.fail[candidate]!;
        }
        const failState = target >= 0 ? target : 0;
        this.fail[child] = failState;
        this.dictLink[child] = this.patternAt[failState]! >= 0 ? failState : this.dictLink[failState]!;
        queue[tail++] = child;
      }
    }
    for (let state = 1; state < states; state++) {
      this.reports[state] = this.patternAt[state]! >= 0 || this.dictLink[state]! >= 0 ? 1 : 0;
    }
  }

  /** Goto function without failure: the child of `state` on `code`, or -1. */
  next(state: number, code: number): number {
    if (state === 0 && code < 0x10000) {
      const hit = this.rootNext[code]!;
      return hit > 0 ? hit : -1;
    }
    if ((this.childBits[state]! & (1 << (code & 31))) === 0) return -1;
    const key = state * 0x110000 + code;
    const keys = this.keys;
    let slot = hashSlot(state, code, this.shift);
    for (;;) {
      const stored = keys[slot]!;
      if (stored === key) return this.values[slot]!;
      if (stored === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Runs the automaton over `codes[0, length)` (code points; or a string, read as code points with
   * indices in code units) and appends `(index, state)` to `hits` wherever a
   * pattern ends. A unit whose `flags` has `breakFlag` set restarts from the root. Returns the state
   * before consuming unit `recordAt` (the stream filter's "match in progress" probe).
   */
  scan(codes: Int32Array | string, length: number, flags: Uint8Array | null, breakFlag: number, hits: HitList, recordAt: number): number {
    const { rootNext, fail, reports, childBits, keys, values, mask, shift } = this;
    const text = typeof codes === 'string' ? codes : null;
    const units = typeof codes === 'string' ? EMPTY : codes;
    let recorded = 0;
    let state = 0;
    for (let j = 0; j < length; j++) {
      if (j === recordAt) recorded = state;
      let code: number;
      if (text !== null) {
        // Raw mode reads the string directly; `j` is then a code-unit index (end of a pair).
        code = text.charCodeAt(j);
        if (code >= 0xd800 && code <= 0xdbff && j + 1 < length) {
          const low = text.charCodeAt(j + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
            j++;
          }
        }
      } else {
        code = units[j]!;
      }
      if (flags !== null && (flags[j]! & breakFlag) !== 0) state = 0;
      // Inlined goto/failure loop: this is the hot path of every scan.
      let next = -1;
      while (state !== 0) {
        if ((childBits[state]! & (1 << (code & 31))) !== 0) {
          const key = state * 0x110000 + code;
          let slot = hashSlot(state, code, shift);
          let found = -1;
          for (;;) {
            const stored = keys[slot]!;
            if (stored === key) {
              found = values[slot]!;
              break;
            }
            if (stored === -1) break;
            slot = (slot + 1) & mask;
          }
          if (found >= 0) {
            next = found;
            break;
          }
        }
        state = fail[state]!;
      }
      state = next >= 0 ? next : code < 0x10000 ? rootNext[code]! : Math.max(0, this.next(0, code));
      if (reports[state] !== 0) hits.push(j, state);
    }
    return recordAt >= length ? state : recorded;
  }

  private put(state: number, code: number, target: number): void {
    if (state === 0 && code < 0x10000) {
      this.rootNext[code] = target;
      return;
    }
    this.childBits[state]! |= 1 << (code & 31);
    let slot = hashSlot(state, code, this.shift);
    while (this.keys[slot] !== -1) slot = (slot + 1) & this.mask;
    this.keys[slot] = state * 0x110000 + code;
    this.values[slot] = target;
  }
}

const EMPTY = new Int32Array(0);

/** Fibonacci hashing: the top bits of the product are the well-mixed ones. */
function hashSlot(state: number, code: number, shift: number): number {
  return Math.imul(Math.imul(state, 0x01000193) ^ code, 0x9e3779b1) >>> shift;
}

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
