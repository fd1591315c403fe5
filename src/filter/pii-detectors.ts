import type { PiiOptions } from './filter-types.js';

export type PiiKind = 'phone' | 'email' | 'idCard' | 'bankCard' | 'contactHandle';

/** A PII hit in original-text offsets (UTF-16, end exclusive). */
export interface PiiHit {
  start: number;
  end: number;
  kind: PiiKind;
}

/** Longest possible span of each detector, in code units; the stream filter holds back this much. */
export const MAX_DIGIT_SPAN = 40;
export const MAX_EMAIL_SPAN = 128;
export const MAX_HANDLE_SPAN = 34;
/** How many characters after a hit a detector looks at to decide that the hit is complete. */
export const PII_LOOKAHEAD = 2;

const MAX_LOCAL = 64;
const MAX_DOMAIN = 63;
const MIN_HANDLE_ID = 5;
const MAX_HANDLE_ID = 20;

const HANDLE_KEYWORD = /(?:[vV微威薇维徽围]信|vx|wx|weixin|wechat|qq|扣扣|企鹅|加微)/gi;
const HANDLE_SEPARATORS = new Set([' ', ':', '：', '=', '＝', '号', '是', '-', '\u3000']);
const CJK_DIGITS = '〇零一二三四五六七八九';

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

function handleDigitValue(code: number): number {
  const value = digitValue(code);
  if (value >= 0) return value;
  const cjk = CJK_DIGITS.indexOf(String.fromCharCode(code));
  return cjk < 0 ? -1 : Math.max(0, cjk - 1);
}

/** ISO 7064 MOD 11-2 check of an 18-character PRC resident ID number. */
export function isValidIdCard(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ((2 ** (17 - i)) % 11);
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
 * Runs every enabled detector over the original text. Each hit is a function of a bounded
 * neighbourhood (a maximal digit run, the characters around one `@`, one keyword and its id), which
 * is what lets the stream filter reproduce batch results.
 */
export function detectPii(text: string, options: PiiOptions): PiiHit[] {
  const hits: PiiHit[] = [];
  if (options.phone || options.idCard || options.bankCard) detectDigitRuns(text, options, hits);
  if (options.email) detectEmails(text, hits);
  if (options.contactHandle) detectHandles(text, hits);
  return hits;
}

function isRunSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d;
}

function detectDigitRuns(text: string, options: PiiOptions, hits: PiiHit[]): void {
  let i = 0;
  while (i < text.length) {
    if (digitValue(text.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    const runStart = i;
    const groups: Array<{ start: number; end: number; digits: string }> = [];
    for (;;) {
      const groupStart = i;
      let digits = '';
      while (i < text.length && digitValue(text.charCodeAt(i)) >= 0) digits += digitValue(text.charCodeAt(i++));
      groups.push({ start: groupStart, end: i, digits });
      if (i + 1 < text.length && isRunSeparator(text.charCodeAt(i)) && digitValue(text.charCodeAt(i + 1)) >= 0) {
        i++;
        continue;
      }
      break;
    }
    const all = groups.map((g) => g.digits).join('');
    const plus = runStart > 0 && (text[runStart - 1] === '+' || text[runStart - 1] === '＋');
    classifyDigits(all, runStart, i, plus, text, options, hits);
    if (groups.length > 1) {
      for (const group of groups) {
        const groupPlus = group.start === runStart && plus;
        classifyDigits(group.digits, group.start, group.end, groupPlus, text, options, hits);
      }
    }
  }
}

function classifyDigits(
  digits: string,
  start: number,
  end: number,
  plus: boolean,
  text: string,
  options: PiiOptions,
  hits: PiiHit[],
): void {
  if (options.idCard && digits.length === 17 && (text[end] === 'X' || text[end] === 'x')) {
    if (isValidIdCard(digits + 'X')) hits.push({ start, end: end + 1, kind: 'idCard' });
    return;
  }
  if (options.idCard && digits.length === 18 && isValidIdCard(digits)) {
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
  if (options.bankCard && digits.length >= 13 && digits.length <= 19 && isValidLuhn(digits)) {
    hits.push({ start, end, kind: 'bankCard' });
  }
}

function isLocalChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ||
    code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d
  );
}

function isDomainChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d;
}

function detectEmails(text: string, hits: PiiHit[]): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) emailAround(text, at, hits);
  for (let at = text.indexOf('＠'); at >= 0; at = text.indexOf('＠', at + 1)) emailAround(text, at, hits);
}

function emailAround(text: string, at: number, hits: PiiHit[]): void {
  let start = at;
  while (start > 0 && isLocalChar(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
  // A sentence may end right after the address: "mail a@b.com."
  while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
  const local = at - start;
  const domain = text.slice(at + 1, end);
  if (local < 1 || local > MAX_LOCAL || domain.length > MAX_DOMAIN) return;
  if (!/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$/.test(domain)) return;
  hits.push({ start, end, kind: 'email' });
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isHandleIdChar(code: number): boolean {
  return isAsciiLetter(code) || code === 0x5f || code === 0x2d || handleDigitValue(code) >= 0;
}

function detectHandles(text: string, hits: PiiHit[]): void {
  HANDLE_KEYWORD.lastIndex = 0;
  for (let found = HANDLE_KEYWORD.exec(text); found; found = HANDLE_KEYWORD.exec(text)) {
    const start = found.index;
    const keywordEnd = start + found[0].length;
    HANDLE_KEYWORD.lastIndex = start + 1;
    if (isAsciiLetter(found[0].charCodeAt(0)) && start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) continue;
    let idStart = keywordEnd;
    while (idStart < text.length && idStart - keywordEnd < 3 && HANDLE_SEPARATORS.has(text[idStart]!)) idStart++;
    let end = idStart;
    let hasDigit = false;
    while (end < text.length && isHandleIdChar(text.charCodeAt(end))) {
      if (handleDigitValue(text.charCodeAt(end)) >= 0) hasDigit = true;
      end++;
    }
    const idLength = end - idStart;
    if (hasDigit && idLength >= MIN_HANDLE_ID && idLength <= MAX_HANDLE_ID) hits.push({ start, end, kind: 'contactHandle' });
  }
}

// First characters of keywords, and the full-width plus of phone numbers: a hit may start here.
const HANDLE_KEYWORD_HEADS = 'vV微威薇维徽围扣企加wWqQ＋';

/**
 * The earliest offset of `text` a PII hit that is not yet complete could start at, given that more
 * text may follow. Sound because every hit contains a trigger (a digit, an `@`, a keyword) and the
 * part of a hit before its trigger is either empty or a run of e-mail characters (`john.doe`, `+`).
 */
function isPlusSign(code: number): boolean {
  return code === 0x2b || code === 0xff0b;
}

export function piiHoldStart(text: string, options: PiiOptions): number {
  const end = text.length;
  let hold = end;
  const recent = (span: number): string => text.slice(Math.max(0, end - span - PII_LOOKAHEAD));
  if (options.phone || options.idCard || options.bankCard) {
    const window = recent(MAX_DIGIT_SPAN);
    for (let i = 0; i < window.length; i++) {
      if (digitValue(window.charCodeAt(i)) >= 0) {
        hold = Math.min(hold, end - MAX_DIGIT_SPAN - PII_LOOKAHEAD);
        break;
      }
    }
  }
  if (options.email && /[@＠]/.test(recent(MAX_EMAIL_SPAN))) hold = Math.min(hold, end - MAX_EMAIL_SPAN - PII_LOOKAHEAD);
  if (options.contactHandle) {
    HANDLE_KEYWORD.lastIndex = 0;
    if (HANDLE_KEYWORD.test(recent(MAX_HANDLE_SPAN))) hold = Math.min(hold, end - MAX_HANDLE_SPAN - PII_LOOKAHEAD);
    HANDLE_KEYWORD.lastIndex = 0;
    if (end > 0 && HANDLE_KEYWORD_HEADS.includes(text[end - 1]!)) hold = Math.min(hold, end - 1);
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
