import { anyDigitValue, chineseDigitValue, digitValue } from './digit-values.js';
import { detectEmails, isLocalChar, MAX_EMAIL_SPAN, MAX_LOCAL, SPELLED_AT } from './email-detector.js';
import type { PiiOptions } from './filter-types.js';
import { detectHandles } from './handle-detector.js';
import type { Span } from './match-selection.js';
import { hasCardShape, hasIdShape, numberContextBefore } from './number-context.js';
import { insideOrderNumber, ORDER_CONTEXT_AFTER } from './order-number-patterns.js';
import type { PiiHit } from './pii-hit.js';

export { digitValue } from './digit-values.js';

/** What the detectors need from an engine: the switches and the site's compiled order-number shapes. */
export interface PiiContext {
  options: PiiOptions;
  orderNumbers: readonly RegExp[];
}

/** Longest possible span of each detector, in code units; the stream filter holds back this much. */
export const MAX_DIGIT_SPAN = 40;
export const MAX_HANDLE_SPAN = 34;
/** How many characters after a hit a detector looks at to decide that the hit is complete. */
export const PII_LOOKAHEAD = 2;

/** ISO 7064 MOD 11-2 check of an 18-character PRC resident ID number. */
export function isValidIdCard(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  const last = id[17]!.toUpperCase();
  return last === (check === 10 ? 'X' : String(check));
}

export function isValidLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Runs every enabled detector over the original text; `keywords` are the contact keywords the word
 * automaton found. Each hit is a function of a bounded neighbourhood (a maximal digit run and up to
 * 20 characters before it, the characters around one `@`, one keyword and its id), which is what
 * lets the stream filter reproduce batch results.
 */
export function detectPii(text: string, context: PiiContext, keywords: readonly Span[]): PiiHit[] {
  const { options } = context;
  const hits: PiiHit[] = [];
  if (options.phone || options.idCard || options.bankCard) detectDigitRuns(text, context, hits);
  if (options.email) detectEmails(text, hits);
  if (options.contactHandle) detectHandles(text, keywords, hits);
  return hits;
}

function isRunSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d;
}

function detectDigitRuns(text: string, context: PiiContext, hits: PiiHit[]): void {
  // Chinese numerals count only for phone numbers (一三八…, 幺三八…, mixed with digits).
  const valueOf = context.options.phone ? anyDigitValue : digitValue;
  let i = 0;
  while (i < text.length) {
    if (valueOf(text.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    const runStart = i;
    const groups: Array<{ start: number; end: number; digits: string; chinese: boolean }> = [];
    for (;;) {
      const groupStart = i;
      let digits = '';
      let chinese = false;
      for (; i < text.length && valueOf(text.charCodeAt(i)) >= 0; i++) {
        digits += valueOf(text.charCodeAt(i));
        if (chineseDigitValue(text.charCodeAt(i)) >= 0) chinese = true;
      }
      groups.push({ start: groupStart, end: i, digits, chinese });
      if (i + 1 < text.length && isRunSeparator(text.charCodeAt(i)) && valueOf(text.charCodeAt(i + 1)) >= 0) {
        i++;
        continue;
      }
      break;
    }
    const all = groups.map((g) => g.digits).join('');
    const chinese = groups.some((g) => g.chinese);
    const plus = runStart > 0 && (text[runStart - 1] === '+' || text[runStart - 1] === '＋');
    const found: PiiHit[] = [];
    classifyDigits(all, runStart, i, plus, chinese, text, context.options, found);
    if (groups.length > 1) {
      for (const group of groups) {
        classifyDigits(
          group.digits,
          group.start,
          group.end,
          group.start === runStart && plus,
          group.chinese,
          text,
          context.options,
          found,
        );
      }
    }
    for (const hit of found) {
      if (context.orderNumbers.length === 0 || !insideOrderNumber(text, hit.start, hit.end, context.orderNumbers)) hits.push(hit);
    }
  }
}

function classifyDigits(
  digits: string,
  start: number,
  end: number,
  plus: boolean,
  chinese: boolean,
  text: string,
  options: PiiOptions,
  hits: PiiHit[],
): void {
  if (chinese) {
    if (options.phone && /^(?:86)?1[3-9]\d{9}$/.test(digits)) hits.push({ start, end, kind: 'phone' });
    return;
  }
  // A checksum passes for one number in ten or eleven: a card or ID also needs its keyword just
  // before it, or the shape of a real one and no order keyword (订单, order, #) as the nearest keyword.
  const context = (options.idCard || options.bankCard) && digits.length >= 13 ? numberContextBefore(text, start) : 'none';
  const idContext = (id: string): boolean => context === 'id' || (context !== 'order' && hasIdShape(id));
  if (options.idCard && digits.length === 17 && (text[end] === 'X' || text[end] === 'x')) {
    if (isValidIdCard(digits + 'X') && idContext(digits + 'X')) hits.push({ start, end: end + 1, kind: 'idCard' });
    return;
  }
  if (options.idCard && digits.length === 18 && isValidIdCard(digits) && idContext(digits)) {
    hits.push({ start, end, kind: 'idCard' });
    return;
  }
  if (options.phone && plus && digits.length >= 8 && digits.length <= 15) {
    hits.push({ start: start - 1, end, kind: 'phone' });
    return;
  }
  if (options.phone && /^(?:86)?1[3-9]\d{9}$/.test(digits)) {
    hits.push({ start, end, kind: 'phone' });
    return;
  }
  if (
    options.bankCard &&
    digits.length >= 13 &&
    digits.length <= 19 &&
    isValidLuhn(digits) &&
    (context === 'card' || (context !== 'order' && hasCardShape(digits)))
  ) {
    hits.push({ start, end, kind: 'bankCard' });
  }
}

function isPlusSign(code: number): boolean {
  return code === 0x2b || code === 0xff0b;
}

// A spelled `@` may still be in progress after a local part: `name `, `name a`, `name [at`, `123#`.
const SPELLED_AT_IN_PROGRESS = /[A-Za-z0-9._%+-]{1,64}(?:\s{0,2}[[(（【<]?\s{0,2}(?:at?)?\s{0,2}[\])）】>]?\s{0,2}|[#＃])$/i;

/**
 * The earliest offset of `text` a PII hit that is not yet complete could start at, given that more
 * text may follow. Sound because every hit contains a trigger (a digit, an `@` or its spelling, a
 * keyword) and the part of a hit before its trigger is either empty or a run of e-mail characters
 * (`john.doe`, `+`) with at most a spelled `at` after it.
 */
export function piiHoldStart(text: string, options: PiiOptions, keywords: readonly Span[]): number {
  const end = text.length;
  let hold = end;
  const recent = (span: number): string => text.slice(Math.max(0, end - span - PII_LOOKAHEAD));
  if (options.phone || options.idCard || options.bankCard) {
    const span = MAX_DIGIT_SPAN + (options.orderNumberPatterns.length > 0 ? ORDER_CONTEXT_AFTER : 0);
    const valueOf = options.phone ? anyDigitValue : digitValue;
    const window = recent(span);
    for (let i = 0; i < window.length; i++) {
      if (valueOf(window.charCodeAt(i)) >= 0) {
        hold = Math.min(hold, end - span - PII_LOOKAHEAD);
        break;
      }
    }
  }
  if (options.email) {
    const window = recent(MAX_EMAIL_SPAN);
    SPELLED_AT.lastIndex = 0;
    if (/[@＠]/.test(window) || SPELLED_AT.test(window)) hold = Math.min(hold, end - MAX_EMAIL_SPAN - PII_LOOKAHEAD);
    SPELLED_AT.lastIndex = 0;
    const pending = SPELLED_AT_IN_PROGRESS.exec(text.slice(Math.max(0, end - 80)));
    if (pending) hold = Math.min(hold, end - pending[0].length);
  }
  if (options.contactHandle && keywords.some((keyword) => keyword.end >= end - MAX_HANDLE_SPAN - PII_LOOKAHEAD)) {
    hold = Math.min(hold, end - MAX_HANDLE_SPAN - PII_LOOKAHEAD);
  }
  // Only an e-mail has a part before its trigger (the local part before `@`); a phone number's `+`.
  const beforeTrigger = options.email ? isLocalChar : options.phone ? isPlusSign : undefined;
  if (beforeTrigger) {
    let run = end;
    while (run > 0 && end - run <= MAX_LOCAL && beforeTrigger(text.charCodeAt(run - 1))) run--;
    hold = Math.min(hold, run);
  }
  return Math.max(0, hold);
}
