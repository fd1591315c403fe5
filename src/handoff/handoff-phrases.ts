/** Longer messages are questions that happen to mention a word ("my agent said..."), not requests. */
const MAX_REQUEST_CHARS = 60;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when a short customer message contains one of the phrases: Chinese (and other CJK) phrases
 * anywhere, Latin ones as whole words, case-insensitive. Only messages of at most 60 characters count,
 * so "I want a human" hands off and a long question that mentions an agent goes to the bot.
 */
export function asksForPerson(text: string, phrases: readonly string[]): boolean {
  const message = normalise(text);
  if (message.length === 0 || message.length > MAX_REQUEST_CHARS) return false;
  return phrases.some((raw) => {
    const phrase = normalise(raw);
    if (!phrase) return false;
    if (CJK.test(phrase)) return message.includes(phrase);
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escape(phrase)}($|[^\\p{L}\\p{N}])`, 'u').test(message);
  });
}
