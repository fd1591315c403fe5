import { describe, expect, it } from 'vitest';
import { FilterPolicyError, SensitiveWordEngine, validateOrderNumberPatterns } from '../../../src/filter/index.js';

/** Independent reference: append the Luhn check digit. */
function withLuhn(body: string): string {
  for (let check = 0; check <= 9; check++) {
    const digits = [...(body + check)].reverse().map(Number);
    const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    if (sum % 10 === 0) return body + check;
  }
  throw new Error('unreachable');
}

/** Independent reference: GB 11643 check character. */
function withIdChecksum(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const engine = SensitiveWordEngine.build([]);
const kinds = (text: string, e = engine): string[] => e.scan(text).map((m) => m.word);

describe('bank cards need a card prefix and length, or a keyword', () => {
  const orderLike = withLuhn('102411271234567890'); // 19 digits, passes Luhn, no card network starts with 10
  const unionPay = withLuhn('621226110200123456');

  it('a Luhn-valid order number is not a card', () => {
    expect(orderLike).toHaveLength(19);
    expect(kinds(`订单号${orderLike}`)).toEqual([]);
    expect(kinds(`order ${orderLike} please`)).toEqual([]);
  });

  it('the same number after a card keyword is a card', () => {
    expect(kinds(`卡号${orderLike}`)).toEqual(['bankCard']);
    expect(kinds(`my card number is ${orderLike}`)).toEqual(['bankCard']);
  });

  it('a known prefix and length is a card without a keyword (62 UnionPay, 4 Visa, 51-55 and 2221-2720 Mastercard, 34/37 Amex, 35 JCB)', () => {
    for (const body of [
      '621226110200123456',
      '411111111111111',
      '510510510510510',
      '222100000000000',
      '37828224631000',
      '353011133330000',
    ]) {
      const card = withLuhn(body);
      expect(kinds(`pay ${card}`), card).toEqual(['bankCard']);
    }
  });

  it('an order keyword nearest the number wins over the card shape; a card keyword after it wins back', () => {
    expect(kinds(`订单 ${unionPay}`)).toEqual([]);
    expect(kinds(`order paid by card ${unionPay}`)).toEqual(['bankCard']);
  });

  it('a card shape with the wrong length is not a card', () => {
    expect(kinds(`pay ${withLuhn('37828224631000')}0`)).toEqual([]); // Amex is 15 digits
  });
});

describe('ID numbers need a real region and birth date, or a keyword', () => {
  const orderLike = withIdChecksum('20241127123456789'); // region 20 does not exist
  const real = withIdChecksum('44030819990110151');

  it('an order number whose last digit fits the checksum is not an ID', () => {
    expect(kinds(`订单${orderLike}`)).toEqual([]);
    expect(kinds(`${orderLike}`)).toEqual([]);
  });

  it('after 身份证 or ID it is an ID; a real-looking one is an ID anyway', () => {
    expect(kinds(`身份证号${orderLike}`)).toEqual(['idCard']);
    expect(kinds(`ID: ${orderLike}`)).toEqual(['idCard']);
    expect(kinds(`号码 ${real}`)).toEqual(['idCard']);
  });
});

describe('order-number shapes (pii.orderNumberPatterns)', () => {
  const card = withLuhn('411111111111111');
  const shop = SensitiveWordEngine.build([], { pii: { orderNumberPatterns: ['(?<![0-9])4[0-9]{15}(?![0-9])', 'SO-[0-9]{8}'] } });

  it('a number matching a declared shape is never PII', () => {
    expect(kinds(`order ${card}`, engine)).toEqual([]);
    expect(kinds(`pay ${card}`, engine)).toEqual(['bankCard']);
    expect(kinds(`pay ${card}`, shop)).toEqual([]);
    expect(kinds('SO-13812345678', shop)).toEqual(['phone']); // 11 digits: not the declared 8
    expect(kinds('SO-13812345', shop)).toEqual([]);
  });

  it.each([
    ['(unclosed', /invalid regular expression/],
    ['x'.repeat(201), /1-200 characters/],
    ['', /1-200 characters/],
    ['(a+)+b', /quantified groups/],
    ['(a|aa)*b', /quantified groups/],
    ['(?:[0-9]{2})+', /quantified groups/],
    ['(\\d)\\1', /backreferences/],
    ['\\d*', /empty string/],
  ])('rejects %j at build with a clear error', (pattern, message) => {
    expect(() => SensitiveWordEngine.build([], { pii: { orderNumberPatterns: [pattern] } })).toThrow(FilterPolicyError);
    expect(() => SensitiveWordEngine.build([], { pii: { orderNumberPatterns: [pattern] } })).toThrow(message);
    expect(() => validateOrderNumberPatterns([pattern])).toThrow(message);
  });

  it('validates good patterns without building an engine', () => {
    expect(() =>
      validateOrderNumberPatterns(['SO-[0-9]{8}', '(?<![0-9])[1-4][0-9]{18}(?![0-9])', '(?:SO|PO)-[0-9]{8}', '\\(A[0-9]+\\)+']),
    ).not.toThrow();
  });

  it('rejects more than 20 patterns', () => {
    expect(() =>
      SensitiveWordEngine.build([], { pii: { orderNumberPatterns: Array.from({ length: 21 }, (_, i) => `A${i}`) } }),
    ).toThrow(/at most 20/);
  });
});
