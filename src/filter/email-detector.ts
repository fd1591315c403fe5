import type { PiiHit } from './pii-hit.js';

/** Longest e-mail hit, in code units (spelled forms are cut to it); the stream filter holds this much. */
export const MAX_EMAIL_SPAN = 128;
export const MAX_LOCAL = 64;
const MAX_DOMAIN = 63;

// Top-level domains a spelled-out address must end in (`example dot com`): a bare word after
// `dot` is too often ordinary English.
const SPELLED_TLDS = new Set([
  'com',
  'net',
  'org',
  'cn',
  'co',
  'io',
  'uk',
  'de',
  'jp',
  'hk',
  'tw',
  'us',
  'edu',
  'gov',
  'info',
  'me',
  'biz',
  'top',
  'xyz',
  'vip',
  'cc',
]);

/** `[at]`, `(at)`, `（at）`, ` at `, and `#` standing for `@`. */
export const SPELLED_AT = /[[(（【<]\s{0,2}at\s{0,2}[\])）】>]|(?<![A-Za-z])at(?![A-Za-z])|[#＃]/gi;
const SPELLED_DOT = /\s{0,2}[[(（【<]\s{0,2}dot\s{0,2}[\])）】>]\s{0,2}|\s{1,2}dot\s{1,2}|[.．。]/iy;
const LABEL = /[A-Za-z0-9-]{1,63}/y;

/** A character of an e-mail local part (`A-Za-z0-9._%+-`). */
export function isLocalChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x25 ||
    code === 0x2b ||
    code === 0x2d
  );
}

function isDomainChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x2d
  );
}

/** Addresses with `@`/`＠`, and spelled ones: `name at example dot com`, `name[at]example[dot]com`, `123456#qq.com`. */
export function detectEmails(text: string, hits: PiiHit[]): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) emailAround(text, at, hits);
  for (let at = text.indexOf('＠'); at >= 0; at = text.indexOf('＠', at + 1)) emailAround(text, at, hits);
  SPELLED_AT.lastIndex = 0;
  for (let found = SPELLED_AT.exec(text); found; found = SPELLED_AT.exec(text)) {
    spelledAround(text, found.index, found.index + found[0].length, found[0].length === 2, hits);
  }
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

/**
 * A spelled `@` between a local part and a domain. The bare word `at` needs a spelled `dot` in the
 * domain too (`bought it at amazon.com` is a sentence); every spelled form needs a known TLD.
 */
function spelledAround(text: string, triggerStart: number, triggerEnd: number, bareWord: boolean, hits: PiiHit[]): void {
  let localEnd = triggerStart;
  const hash = text[triggerStart] === '#' || text[triggerStart] === '＃';
  if (!hash) while (localEnd > 0 && triggerStart - localEnd < 2 && text[localEnd - 1] === ' ') localEnd--;
  let start = localEnd;
  while (start > 0 && localEnd - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
  if (start === localEnd || (start > 0 && isLocalChar(text.charCodeAt(start - 1)))) return;
  let cursor = triggerEnd;
  if (!hash) while (cursor < text.length && cursor - triggerEnd < 2 && text[cursor] === ' ') cursor++;
  let end = -1;
  let spelledDot = false;
  let labels = 0;
  for (;;) {
    LABEL.lastIndex = cursor;
    const label = LABEL.exec(text);
    if (!label || cursor + label[0].length - start > MAX_EMAIL_SPAN) break;
    cursor += label[0].length;
    labels++;
    if (labels >= 2 && SPELLED_TLDS.has(label[0].toLowerCase())) end = cursor;
    SPELLED_DOT.lastIndex = cursor;
    const dot = SPELLED_DOT.exec(text);
    if (!dot) break;
    if (dot[0].length > 1) spelledDot = true;
    cursor += dot[0].length;
  }
  if (end < 0 || (bareWord && !spelledDot)) return;
  hits.push({ start, end, kind: 'email' });
}
