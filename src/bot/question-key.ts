/**
 * The reply cache's key for a question: lower case, punctuation and symbols dropped, whitespace
 * collapsed, so "Opening hours?" and "  opening   HOURS " share an answer. Letters and digits of every
 * script are kept (a Chinese question is not reduced to nothing). Empty when nothing is left.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
