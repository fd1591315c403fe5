declare module 'ahocorasick' {
  /** Aho-Corasick automaton; `search` returns `[endIndex, words]` pairs, endIndex inclusive, in UTF-16 units. */
  export default class AhoCorasick {
    constructor(keywords: string[]);
    search(text: string): Array<[number, string[]]>;
  }
}
