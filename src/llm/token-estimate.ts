/**
 * DeepSeek's published rule of thumb: ~0.3 token per English character, ~0.6 per Chinese character.
 * Used only for budgeting before a call; the `usage` DeepSeek returns is authoritative.
 */
// Tenths of a token, so sums stay exact integers.
const TENTHS_PER_CJK_CHAR = 6;
const TENTHS_PER_OTHER_CHAR = 3;
/** Role markers and separators the chat template adds around each message. */
export const TOKENS_PER_MESSAGE_OVERHEAD = 4;

function isWideScript(codePoint: number): boolean {
  return (
    (codePoint >= 0x3000 && codePoint <= 0x303f) || // CJK symbols and punctuation
    (codePoint >= 0x3040 && codePoint <= 0x30ff) || // kana
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) || // CJK extension A
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) || // CJK unified
    (codePoint >= 0xac00 && codePoint <= 0xd7af) || // Hangul
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // CJK compatibility
    (codePoint >= 0xff00 && codePoint <= 0xffef) || // full-width forms
    (codePoint >= 0x20000 && codePoint <= 0x2ffff) // CJK extensions B+
  );
}

export function estimateTokens(text: string): number {
  let tenths = 0;
  for (const char of text) tenths += isWideScript(char.codePointAt(0)!) ? TENTHS_PER_CJK_CHAR : TENTHS_PER_OTHER_CHAR;
  return Math.ceil(tenths / 10);
}
