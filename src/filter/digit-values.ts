/** Value 0-9 of a digit in any of the spellings people use to dodge filters, or -1. */
export function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10; // full-width
  if (code >= 0x2460 && code <= 0x2468) return code - 0x245f; // ①-⑨
  if (code === 0x24ea) return 0; // ⓪
  if (code >= 0x2776 && code <= 0x277e) return code - 0x2775; // ❶-❾
  if (code >= 0x2780 && code <= 0x2788) return code - 0x277f; // ➀-➈
  return -1;
}

// Chinese numerals as digits: 〇/零 0, 一/幺/壹 1 (幺 is how 1 is read out in phone numbers), 二/两/贰 2 ...
// One table load per character: the digit-run scan reads every character of every message.
const CHINESE_DIGITS = new Int8Array(0x10000).fill(-1);
const ANY_DIGITS = new Int8Array(0x10000).fill(-1);
for (const [digit, chars] of ['〇零', '一幺壹', '二两贰', '三叁', '四肆', '五伍', '六陆', '七柒', '八捌', '九玖'].entries()) {
  for (const char of chars) CHINESE_DIGITS[char.charCodeAt(0)] = digit;
}
for (let code = 0; code < 0x10000; code++) ANY_DIGITS[code] = digitValue(code) >= 0 ? digitValue(code) : CHINESE_DIGITS[code]!;

/** A Chinese numeral's digit value, or -1. */
export function chineseDigitValue(code: number): number {
  return code < 0x10000 ? CHINESE_DIGITS[code]! : -1;
}

/** {@link digitValue} or {@link chineseDigitValue}: the digits of a phone number or a handle id. */
export function anyDigitValue(code: number): number {
  return code < 0x10000 ? ANY_DIGITS[code]! : -1;
}
