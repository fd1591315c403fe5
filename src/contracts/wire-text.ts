import { z } from 'zod';

/**
 * Strings from clients, as Postgres can store them: no NUL (text columns refuse 0x00) and no lone
 * surrogate (it would be silently replaced on the way to UTF-8, changing what was sent).
 */
export function wireString(maxChars: number) {
  return z
    .string()
    .max(maxChars)
    .refine((value) => !value.includes('\u0000'), { message: 'must not contain NUL characters' })
    .refine((value) => value.isWellFormed(), { message: 'must be well-formed Unicode (no lone surrogates)' });
}

/** Largest `seq` (a Postgres `integer`); beyond it a query would fail instead of finding nothing. */
export const MAX_SEQ = 2 ** 31 - 1;
export const seqSchema = z.number().int().min(0).max(MAX_SEQ);
