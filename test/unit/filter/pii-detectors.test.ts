import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine } from '../../../src/filter/index.js';
import { isValidIdCard, isValidLuhn } from '../../../src/filter/pii-detectors.js';

const engine = SensitiveWordEngine.build([]);

/** Independent reference: GB 11643 weights and check characters. */
function withIdChecksum(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Independent reference: append the Luhn check digit. */
function withLuhn(body: string): string {
  for (let check = 0; check <= 9; check++) {
    const digits = [...(body + check)].reverse().map(Number);
    const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    if (sum % 10 === 0) return body + check;
  }
  throw new Error('unreachable');
}

function hits(text: string): Array<[string, string]> {
  return engine.scan(text).map((m) => [m.word, text.slice(m.start, m.end)]);
}

describe('phone numbers', () => {
  it('finds CN mobiles, with separators, full-width and circled digits', () => {
    expect(hits('call 13812345678 now')).toEqual([['phone', '13812345678']]);
    expect(hits('call 138-1234-5678')).toEqual([['phone', '138-1234-5678']]);
    expect(hits('call 138 1234 5678')).toEqual([['phone', '138 1234 5678']]);
    expect(hits('电话１３８１２３４５６７８')).toEqual([['phone', '１３８１２３４５６７８']]);
    expect(hits('①③⑧①②③④⑤⑥⑦⑧')).toEqual([['phone', '①③⑧①②③④⑤⑥⑦⑧']]);
  });

  it('finds international numbers after a plus sign', () => {
    expect(hits('ring +44 20 7946 0958')).toEqual([['phone', '+44 20 7946 0958']]);
    expect(hits('ring +8613812345678')).toEqual([['phone', '+8613812345678']]);
  });

  it('finds two numbers separated by a space as two hits', () => {
    expect(hits('13812345678 13912345678').map(([kind]) => kind)).toEqual(['phone', 'phone']);
  });

  it('ignores numbers that are not phones', () => {
    expect(hits('order 12345678901, year 2024, 10086')).toEqual([]);
    expect(hits('23812345678')).toEqual([]);
    expect(hits('138123456789')).toEqual([]);
  });
});

describe('Chinese ID card numbers', () => {
  const valid = withIdChecksum('11010519491231002');
  const validDigit = withIdChecksum('44030819990110151');

  it('flags a number with a valid ISO 7064 MOD 11-2 checksum, X or digit', () => {
    expect(valid.endsWith('X')).toBe(true);
    expect(isValidIdCard(valid)).toBe(true);
    expect(isValidIdCard(validDigit)).toBe(true);
    expect(hits(`身份证${valid}。`)).toEqual([['idCard', valid]]);
    expect(hits(`id ${validDigit.slice(0, 17)}${validDigit[17]!.toLowerCase()} ok`)).toEqual([['idCard', validDigit]]);
  });

  it('does not flag an invalid checksum', () => {
    const wrong = valid.slice(0, 17) + '0';
    expect(isValidIdCard(wrong)).toBe(false);
    expect(hits(`身份证${wrong}`).filter(([kind]) => kind === 'idCard')).toEqual([]);
  });
});

describe('bank card numbers', () => {
  const card16 = withLuhn('622202123456789');
  const card19 = withLuhn('621226110200123456');

  it('flags 13-19 digit numbers with a valid Luhn digit, plain or grouped', () => {
    expect(isValidLuhn(card16)).toBe(true);
    expect(hits(`卡号${card16}`)).toEqual([['bankCard', card16]]);
    const grouped = card19.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(hits(`card ${grouped}.`)).toEqual([['bankCard', grouped]]);
    expect(hits('visa 4111-1111-1111-1111')).toEqual([['bankCard', '4111-1111-1111-1111']]);
  });

  it('does not flag an invalid Luhn digit or a wrong length', () => {
    const wrong = card16.slice(0, 15) + ((Number(card16[15]) + 1) % 10);
    expect(isValidLuhn(wrong)).toBe(false);
    expect(hits(`卡号${wrong}`)).toEqual([]);
    expect(hits(withLuhn('12345678901'))).toEqual([]); // 12 digits
  });
});

describe('e-mail addresses', () => {
  it('flags addresses and trims sentence punctuation', () => {
    expect(hits('mail john.doe+vip@mail.example.co.uk.')).toEqual([['email', 'john.doe+vip@mail.example.co.uk']]);
    expect(hits('邮箱：abc_123@qq.com谢谢')).toEqual([['email', 'abc_123@qq.com']]);
  });

  it('ignores an @ that is not an address', () => {
    expect(hits('meet @ noon, @someone, a@b, x@localhost')).toEqual([]);
  });
});

describe('disguised contact handles', () => {
  it.each([
    ['加我vx 一三八一二三四五六七八', 'vx 一三八一二三四五六七八'],
    ['V信：abc_12345', 'V信：abc_12345'],
    ['加微 wxid_888', '加微 wxid_888'],
    ['qq 12345678', 'qq 12345678'],
    ['QQ号①②③④⑤⑥', 'QQ号①②③④⑤⑥'],
    ['微信号是 zhang-1990', '微信号是 zhang-1990'],
    ['wx:sales01', 'wx:sales01'],
  ])('%s', (text, span) => {
    const found = hits(text);
    expect(found.some(([kind, s]) => kind === 'contactHandle' && s === span)).toBe(true);
    expect(engine.mask(text)).toContain('*'.repeat([...span].length));
  });

  it('ignores keywords without an id, and keywords inside words', () => {
    expect(hits('请用微信支付')).toEqual([]);
    expect(hits('wx is a good abbreviation')).toEqual([]);
    expect(hits('fqq12345')).toEqual([]);
  });
});

describe('detector switches and category', () => {
  it('reports PII with category pii and source pii, masked by default', () => {
    const verdict = engine.check('call 13812345678');
    expect(verdict.matches).toEqual([{ start: 5, end: 16, word: 'phone', category: 'pii', source: 'pii' }]);
    expect(verdict.action).toBe('mask');
    expect(verdict.text).toBe('call ***********');
  });

  it('turns each detector off', () => {
    const none = SensitiveWordEngine.build([], {
      pii: { phone: false, email: false, idCard: false, bankCard: false, contactHandle: false },
    });
    expect(none.scan(`13812345678 a@b.com ${withIdChecksum('11010519491231002')} 4111111111111111 vx 12345678`)).toEqual([]);
  });
});
