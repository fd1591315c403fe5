/**
 * Evasions a filter with the starter list (plus `ass`, `badword`, `加微信`) must catch: every case
 * must produce at least one match. Built from a few base words and PII values times the tricks
 * people use; the same list on every run.
 */

/** One evasion: the text, and what must be found in it. */
export interface EvasionCase {
  text: string;
  /** `word`: some word match; `pii`: some PII match. */
  kind: 'word' | 'pii';
  trick: string;
}

const ZWSP = '\u200b';
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', i: 'і' };
const GREEK: Record<string, string> = { o: 'ο', i: 'ι', t: 'τ', u: 'υ', k: 'κ' };
const HANGUL: Record<string, string> = { o: 'ㅇ', i: 'ㅣ' };
const KATAKANA: Record<string, string> = { o: 'ロ', t: 'ト' };
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '$', t: '7' };

const swapFirst = (word: string, table: Record<string, string>): string | undefined => {
  const at = [...word].findIndex((ch) => table[ch] !== undefined);
  return at < 0 ? undefined : word.slice(0, at) + table[word[at]!] + word.slice(at + 1);
};
const swapAll = (word: string, table: Record<string, string>): string => [...word].map((ch) => table[ch] ?? ch).join('');
const fullWidth = (word: string): string => [...word].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');

const LATIN_TRICKS: ReadonlyArray<[string, (word: string) => string | undefined]> = [
  ['plain', (w) => w],
  ['upper case', (w) => w.toUpperCase()],
  ['spaced', (w) => [...w].join(' ')],
  ['dotted', (w) => [...w].join('.')],
  ['one zero-width', (w) => [...w].join(ZWSP)],
  ['nine zero-width', (w) => [...w].join(ZWSP.repeat(9))],
  ['combining marks', (w) => [...w].map((ch) => ch + '\u0336\u0337\u0338').join('')],
  ['full-width', fullWidth],
  ['repeated letters', (w) => w.replace(/[aeiou]/, (v) => v.repeat(5))],
  ['leet', (w) => swapFirst(w, LEET)],
  ['leet everywhere', (w) => (w.length >= 4 ? swapAll(w.slice(0, -1), LEET) + w.slice(-1) : undefined)],
  ['Cyrillic', (w) => swapFirst(w, CYRILLIC)],
  ['Greek', (w) => swapFirst(w, GREEK)],
  ['Hangul', (w) => swapFirst(w, HANGUL)],
  ['katakana', (w) => swapFirst(w, KATAKANA)],
  ['emoji between', (w) => [...w].join('😀')],
];
const LATIN_WORDS = [
  'fuck',
  'shit',
  'bitch',
  'asshole',
  'badword',
  'bullshit',
  'pussy',
  'motherfucker',
  'whore',
  'porn',
  'slut',
  'dildo',
];

const CJK_TRICKS: ReadonlyArray<[string, (word: string) => string]> = [
  ['plain', (w) => w],
  ['spaced', (w) => [...w].join(' ')],
  ['punctuation', (w) => [...w].join('，')],
  ['zero-width run', (w) => [...w].join(ZWSP.repeat(8))],
  ['emoji between', (w) => [...w].join('🔥')],
  ['traditional', (w) => w.replace('妈', '媽').replace('骚', '騷').replace('贱', '賤').replace('鸡', '雞')],
];
const CJK_WORDS = ['傻逼', '他妈的', '操你妈', '骚货', '贱人', '鸡巴', '婊子', '王八蛋', '狗日', '加微信'];

const CONTACT_WORDS = ['加V信', '加vx', '加我V❤', '加我微信', '加ｖｘ', '加 微 信', '加微❤', '加我V♥', '加个wx', '加我威信'];

const PII_CASES: ReadonlyArray<[string, string]> = [
  ['Chinese-numeral phone', '电话一三八一二三四五六七八'],
  ['幺 for one', '打幺三八幺二三四五六七八'],
  ['mixed numerals', '号码138一二三四5678'],
  ['upper-case numerals', '壹叁捌壹贰叁肆伍陆柒捌'],
  ['full-width phone', '１３８１２３４５６７８'],
  ['circled phone', '①③⑧①②③④⑤⑥⑦⑧'],
  ['spaced phone', '138 1234 5678'],
  ['spelled e-mail', 'name at example dot com'],
  ['bracket e-mail', 'name[at]example[dot]com'],
  ['paren e-mail', 'zhang.san(at)gmail(dot)com'],
  ['hash e-mail', '123456#qq.com'],
  ['full-width at', '12345678＠qq.com'],
  ['full-width vx handle', 'ｖｘ abc12345'],
  ['spaced 微信 handle', '微 信 abc12345'],
  ['V❤ handle', 'V❤：abc12345'],
  ['vx and numerals', '加我vx 一三八一二三四五六七八'],
  ['QQ circled', 'QQ号①②③④⑤⑥'],
  ['扣扣', '扣扣 12345678'],
  ['card with keyword', '卡号 6222 0212 3456 7894'],
  ['card by prefix', 'pay to 4111111111111111'],
];

const CARRIERS_WORD: ReadonlyArray<(x: string) => string> = [(x) => `hey ${x} there`, (x) => `你好${x}谢谢`];

/** All cases (about 450). */
export function evasionCases(): EvasionCase[] {
  const cases: EvasionCase[] = [];
  for (const word of LATIN_WORDS) {
    for (const [trick, apply] of LATIN_TRICKS) {
      const spelled = apply(word);
      if (spelled === undefined || (spelled === word && trick !== 'plain')) continue;
      cases.push({ text: `hey ${spelled} there`, kind: 'word', trick });
    }
  }
  for (const word of CJK_WORDS) {
    for (const [trick, apply] of CJK_TRICKS) {
      for (const carry of CARRIERS_WORD) cases.push({ text: carry(apply(word)), kind: 'word', trick });
    }
  }
  for (const spelled of CONTACT_WORDS)
    for (const carry of CARRIERS_WORD) cases.push({ text: carry(spelled), kind: 'word', trick: 'contact stand-in' });
  for (const [trick, value] of PII_CASES) {
    cases.push({ text: `请联系 ${value} 谢谢`, kind: 'pii', trick });
    cases.push({ text: `contact: ${value} thanks`, kind: 'pii', trick });
  }
  return cases;
}
