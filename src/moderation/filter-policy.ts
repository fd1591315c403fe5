import { z } from 'zod';
import { filterActionSchema, filterCategorySchema, FILTER_CATEGORIES } from '../contracts/enums.js';
import { FilterPolicyError, validateOrderNumberPatterns, type FilterCategory, type FilterPolicyInput } from '../filter/index.js';

/** Who sees a customer's contact details (phone, e-mail, ID and card numbers). */
export const PII_VISIBILITY = ['agents', 'nobody'] as const;
export type PiiVisibility = (typeof PII_VISIBILITY)[number];

const orderNumberPatterns = z.array(z.string()).superRefine((sources, context) => {
  try {
    validateOrderNumberPatterns(sources);
  } catch (error) {
    if (!(error instanceof FilterPolicyError)) throw error;
    context.addIssue({ code: 'custom', message: error.message });
  }
});

/**
 * A site's `filter_policy` column: only what differs from the defaults. The engine's part (every
 * normalisation and PII detector on but pinyin; profanity/pii/custom mask, politics block, ads flag),
 * plus the service's: `starterList` (categories of the shipped starter list to switch on; none by
 * default) and `piiVisibility` (`agents`, the default: contact details are kept from the model and the
 * logs but shown to the site's agents and in tickets; `nobody`: masked everywhere). Unknown keys are
 * refused so a typo cannot silently switch nothing.
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
        wordBoundaries: z.boolean(),
        pinyin: z.boolean(),
      })
      .partial()
      .strict(),
    pii: z
      .object({
        phone: z.boolean(),
        email: z.boolean(),
        idCard: z.boolean(),
        bankCard: z.boolean(),
        contactHandle: z.boolean(),
        orderNumberPatterns,
      })
      .partial()
      .strict(),
    actions: z.partialRecord(z.enum(FILTER_CATEGORIES), filterActionSchema),
    starterList: z.array(filterCategorySchema).max(FILTER_CATEGORIES.length),
    piiVisibility: z.enum(PII_VISIBILITY),
  })
  .partial()
  .strict();

export type SiteFilterPolicyInput = z.infer<typeof filterPolicySchema>;

/** A stored policy split into what the engine is built with and what the service does around it. */
export interface SitePolicy {
  engine: FilterPolicyInput;
  starterList: FilterCategory[];
  piiVisibility: PiiVisibility;
}

/**
 * Reads a stored policy. A policy that fails validation (edited by hand in the database) must not
 * switch the filter off, so it falls back to the defaults and says why.
 */
export function readSitePolicy(raw: unknown, onInvalid: (reason: string) => void): SitePolicy {
  const parsed = filterPolicySchema.safeParse(raw ?? {});
  if (!parsed.success) {
    onInvalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    return { engine: {}, starterList: [], piiVisibility: 'agents' };
  }
  const { starterList = [], piiVisibility = 'agents', ...engine } = parsed.data;
  return { engine: engine as FilterPolicyInput, starterList, piiVisibility };
}
