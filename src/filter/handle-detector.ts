import type { Span } from './match-selection.js';
import { anyDigitValue } from './digit-values.js';
import type { PiiHit } from './pii-hit.js';

export const MIN_HANDLE_ID = 5;
export const MAX_HANDLE_ID = 20;
const HANDLE_SEPARATORS = new Set([' ', ':', '：', '=', '＝', '号', '是', '-', '\u3000']);

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** Full-width ASCII (`ａｂｃ１２３`) read as ASCII. */
function ascii(code: number): number {
  return code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code;
}

function isHandleIdChar(code: number): boolean {
  const plain = ascii(code);
  return isAsciiLetter(plain) || plain === 0x5f || plain === 0x2d || anyDigitValue(code) >= 0;
}

/**
 * A contact keyword (found by the word automaton, so folded like words: `ｖｘ`, `微 信`, `V❤`), up to
 * three separators, then an id of 5-20 characters from letters, `_`, `-` and digits in any
 * spelling, containing at least one digit (so `wechat support` is not a handle).
 */
export function detectHandles(text: string, keywords: readonly Span[], hits: PiiHit[]): void {
  for (const keyword of keywords) {
    const { start, end: keywordEnd } = keyword;
    if (isAsciiLetter(ascii(text.charCodeAt(start))) && start > 0 && isAsciiLetter(ascii(text.charCodeAt(start - 1)))) continue;
    let idStart = keywordEnd;
    while (idStart < text.length && idStart - keywordEnd < 3 && HANDLE_SEPARATORS.has(text[idStart]!)) idStart++;
    let end = idStart;
    let hasDigit = false;
    while (end < text.length && isHandleIdChar(text.charCodeAt(end))) {
      if (anyDigitValue(text.charCodeAt(end)) >= 0) hasDigit = true;
      end++;
    }
    const idLength = end - idStart;
    if (hasDigit && idLength >= MIN_HANDLE_ID && idLength <= MAX_HANDLE_ID) hits.push({ start, end, kind: 'contactHandle' });
  }
}
