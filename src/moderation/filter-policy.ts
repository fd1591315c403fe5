import { z } from 'zod';
import { FILTER_CATEGORIES } from '../contracts/enums.js';
import type { FilterPolicyInput } from '../filter/index.js';

const action = z.enum(['mask', 'block', 'flag', 'review']);

/**
 * A site's `filter_policy` column: only what differs from the engine's defaults (every normalisation
 * and PII detector on; profanity/pii/custom mask, politics block, ads flag). Unknown keys are refused
 * so a typo cannot silently switch nothing.
 */
export const filterPolicySchema = z
  .object({
    normalize: z
      .object({
        width: z.boolean(),
        case: z.boolean(),
        traditional: z.boolean(),
        homoglyph: z.boolean(),
        leet: z.boolean(),
        repeat: z.boolean(),
        skip: z.boolean(),
        latinWholeWord: z.boolean(),
      })
      .partial()
      .strict(),
    pii: z
      .object({ phone: z.boolean(), email: z.boolean(), idCard: z.boolean(), bankCard: z.boolean(), contactHandle: z.boolean() })
      .partial()
      .strict(),
    actions: z.partialRecord(z.enum(FILTER_CATEGORIES), action),
  })
  .partial()
  .strict();

export type SiteFilterPolicyInput = z.infer<typeof filterPolicySchema>;

/**
 * Reads a stored policy. A policy that fails validation (edited by hand in the database) must not
 * switch the filter off, so it falls back to the defaults and says why.
 */
export function readFilterPolicy(raw: unknown, onInvalid: (reason: string) => void): FilterPolicyInput {
  const parsed = filterPolicySchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as FilterPolicyInput;
  onInvalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return {};
}
