// The `ahocorasick` package (used as a test oracle and bench baseline) ships no types.
declare module 'ahocorasick' {
  export default class AhoCorasick {
    constructor(keywords: string[]);
    /** [index of the last code unit of the hits, every keyword ending there]. */
    search(text: string): Array<[number, string[]]>;
  }
}
