/**
 * Context for long numbers: a checksum alone flags one order number in ten (Luhn) or eleven (ID),
 * so a card or ID also needs the shape of a real one (a known card prefix and length; a real
 * region code and birth date) or a keyword just before it.
 */

/** Card networks: prefix ranges (as numbers of the prefix's length) and valid lengths. */
const CARD_RANGES: ReadonlyArray<{ from: number; to: number; digits: number; lengths: readonly number[] }> = [
  { from: 4, to: 4, digits: 1, lengths: [13, 16, 19] }, // Visa
  { from: 51, to: 55, digits: 2, lengths: [16] }, // Mastercard
  { from: 2221, to: 2720, digits: 4, lengths: [16] }, // Mastercard 2-series
  { from: 34, to: 34, digits: 2, lengths: [15] }, // American Express
  { from: 37, to: 37, digits: 2, lengths: [15] },
  { from: 62, to: 62, digits: 2, lengths: [16, 17, 18, 19] }, // UnionPay
  { from: 3528, to: 3589, digits: 4, lengths: [16, 17, 18, 19] }, // JCB
  { from: 6011, to: 6011, digits: 4, lengths: [16, 19] }, // Discover
  { from: 644, to: 649, digits: 3, lengths: [16, 19] },
  { from: 65, to: 65, digits: 2, lengths: [16, 19] },
  { from: 300, to: 305, digits: 3, lengths: [14, 16, 19] }, // Diners Club
  { from: 36, to: 36, digits: 2, lengths: [14, 16, 19] },
  { from: 38, to: 39, digits: 2, lengths: [16, 19] },
];

/** Whether `digits` starts like a card of a known network and has that network's length. */
export function hasCardShape(digits: string): boolean {
  return CARD_RANGES.some(({ from, to, digits: width, lengths }) => {
    const prefix = Number(digits.slice(0, width));
    return prefix >= from && prefix <= to && lengths.includes(digits.length);
  });
}

// GB/T 2260 province-level codes: the first two digits of every resident ID.
const REGIONS = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71,
  81, 82, 83, 91,
]);

/** Whether an 18-character ID has a real province code and a birth date between 1900 and 2099. */
export function hasIdShape(id: string): boolean {
  if (!REGIONS.has(Number(id.slice(0, 2)))) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** How far before a number (code units) a keyword counts. Well inside the stream filter's context. */
export const KEYWORD_REACH = 20;

const CARD_KEYWORDS =
  /卡号|银行卡|信用卡|储蓄卡|借记卡|卡|账号|帐号|账户|帐户|银联|card|visa|master|amex|unionpay|account|acct/gi;
const ID_KEYWORDS = /身份证|身份|证件|证号|(?<![a-z])id(?![a-z])|identity/gi;
const ORDER_KEYWORDS = /订单|单号|运单|快递|物流|发票|order|tracking|invoice|parcel|ref(?![a-z])|#/gi;

/** What the nearest keyword before a number says it is. */
export type NumberContext = 'card' | 'id' | 'order' | 'none';

/**
 * The keyword closest before `start` (within {@link KEYWORD_REACH}): `order 4111…` is an order
 * number even though it looks like a card, `paid the order by card 4111…` is a card.
 */
export function numberContextBefore(text: string, start: number): NumberContext {
  const window = text.slice(Math.max(0, start - KEYWORD_REACH), start);
  const card = lastEnd(CARD_KEYWORDS, window);
  const id = lastEnd(ID_KEYWORDS, window);
  const order = lastEnd(ORDER_KEYWORDS, window);
  const nearest = Math.max(card, id, order);
  if (nearest < 0) return 'none';
  return nearest === order ? 'order' : nearest === card ? 'card' : 'id';
}

function lastEnd(pattern: RegExp, window: string): number {
  let end = -1;
  pattern.lastIndex = 0;
  for (let found = pattern.exec(window); found; found = pattern.exec(window)) end = found.index + found[0].length;
  return end;
}
