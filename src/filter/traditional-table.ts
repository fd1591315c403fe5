import tsCharacters from 'opencc-js/dict/TSCharacters';

let cached: Map<number, number> | undefined;

/**
 * Traditional -> simplified, one code point to one code point, from OpenCC's TSCharacters
 * dictionary (the same data `Converter({ from: 'tw', to: 'cn' })` uses for single characters).
 * Phrase-level conversions are left out on purpose: they would break the 1:1 offset map.
 * Built once per process (~1 ms).
 */
export function traditionalToSimplified(): Map<number, number> {
  if (cached) return cached;
  const table = new Map<number, number>();
  for (const pair of tsCharacters.split('|')) {
    const [from, to] = pair.split(' ');
    if (!from || !to) continue;
    const source = from.codePointAt(0)!;
    const target = to.codePointAt(0)!;
    if (String.fromCodePoint(source) !== from || String.fromCodePoint(target) !== to) continue;
    table.set(source, target);
  }
  cached = table;
  return table;
}
