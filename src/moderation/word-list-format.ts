import { z } from 'zod';
import { FILTER_CATEGORIES } from '../contracts/enums.js';
import type { WordEntry } from '../filter/index.js';

/** Longest word a list accepts, in characters (code points). */
export const MAX_WORD_CHARS = 64;
/** Most lines one import may have. */
export const MAX_IMPORT_LINES = 50_000;
/** Line errors reported at most; an import with errors writes nothing. */
export const MAX_REPORTED_LINE_ERRORS = 100;

export const wordSchema = z
  .string()
  .trim()
  .min(1, 'a word needs at least one character')
  .refine((word) => [...word].length <= MAX_WORD_CHARS, `a word may have at most ${MAX_WORD_CHARS} characters`)
  .refine((word) => !/\p{Cc}/u.test(word), 'a word may not contain tabs, line breaks or control characters');

export const categorySchema = z.enum(FILTER_CATEGORIES);

export const wordEntrySchema = z.object({
  word: wordSchema,
  category: categorySchema,
  allow: z.boolean().default(false),
});

export interface LineError {
  line: number;
  message: string;
}

/**
 * Parses the exchange format: one entry per line, `word<TAB>category`, optionally `<TAB>allow` for an
 * allow-list entry. Blank lines and lines starting with `#` are skipped; `\r\n` is accepted. A word
 * listed twice keeps its last line.
 */
export function parseWordList(text: string): { entries: WordEntry[]; errors: LineError[]; lines: number } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const byWord = new Map<string, WordEntry>();
  const errors: LineError[] = [];
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.startsWith('#')) return;
    const fields = line.split('\t');
    const fail = (message: string) => {
      if (errors.length < MAX_REPORTED_LINE_ERRORS) errors.push({ line: index + 1, message });
      else if (errors.length === MAX_REPORTED_LINE_ERRORS) errors.push({ line: index + 1, message: 'more errors not shown' });
    };
    if (fields.length < 2 || fields.length > 3) return fail('expected `word<TAB>category` or `word<TAB>category<TAB>allow`');
    if (fields.length === 3 && fields[2] !== 'allow') return fail('the third column may only be `allow`');
    const parsed = wordEntrySchema.safeParse({ word: fields[0], category: fields[1], allow: fields.length === 3 });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(
        issue.path[0] === 'category' ? `unknown category, expected one of ${FILTER_CATEGORIES.join(', ')}` : issue.message,
      );
    }
    byWord.delete(parsed.data.word);
    byWord.set(parsed.data.word, parsed.data);
  });
  return { entries: [...byWord.values()], errors, lines: lines.length };
}

export function formatWordList(entries: readonly WordEntry[]): string {
  return entries.map((entry) => `${entry.word}\t${entry.category}${entry.allow ? '\tallow' : ''}\n`).join('');
}
