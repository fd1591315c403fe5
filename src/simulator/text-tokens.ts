// CJK ideographs plus CJK and full-width punctuation: each character is one token, as in DeepSeek's tokenizer
// for common Chinese text (roughly).
const CJK_CLASS = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`);
const TOKEN_PATTERN = new RegExp(`\\s*(?:[${CJK_CLASS}]|[^\\s${CJK_CLASS}]+)|\\s+$`, 'g');

export function isCjk(char: string): boolean {
  return CJK_CHAR.test(char);
}

/**
 * Splits text into simulator tokens: a word with its leading whitespace, or a single CJK character.
 * Joining the tokens gives back the text exactly.
 */
export function splitIntoTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const token = match[0];
    if (token.trim() === '' && tokens.length > 0) tokens[tokens.length - 1] += token;
    else if (token !== '') tokens.push(token);
  }
  return tokens;
}

/** Splits text into pieces of `size` characters (code points), for the `chunk=` directive. */
export function splitIntoChunks(text: string, size: number): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(''));
  return chunks;
}

export function isMostlyCjk(text: string): boolean {
  let cjk = 0;
  let other = 0;
  for (const char of text) {
    if (/\s/.test(char)) continue;
    if (isCjk(char)) cjk++;
    else other++;
  }
  return cjk > other;
}
