import { pinyin } from 'pinyin-pro';

/** Shorter pinyin collides with English words and names (`nima`, `tama`); such forms are not generated. */
export const MIN_PINYIN_LETTERS = 5;
const HAN = /^\p{Script=Han}+$/u;

/**
 * The toneless pinyin of an all-Chinese entry of two or more characters (`违禁品` -> `weijinpin`,
 * ü as `v`), or undefined. pinyin-pro picks the reading of polyphonic characters from the word.
 * Costs ~6 µs per entry at build time, which is why `normalize.pinyin` is off by default.
 */
export function pinyinForm(word: string): string | undefined {
  if (word.length < 2 || !HAN.test(word)) return undefined;
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true });
  const form = syllables.join('').toLowerCase();
  return /^[a-z]+$/.test(form) && form.length >= MIN_PINYIN_LETTERS ? form : undefined;
}
