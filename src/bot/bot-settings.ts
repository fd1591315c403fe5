import { z } from 'zod';
import type { SiteRow } from '../db/schema.js';
import { generationOverridesSchema } from '../llm/generation-settings.js';

/** One arm of an A/B test: what it changes against the site's own settings (all optional). */
const variantSchema = z
  .object({
    /** Stored on the conversation and on each reply; 1-32 of `A-Za-z0-9_-`. */
    name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    systemPrompt: z.string().min(1).optional(),
    /** Generation overrides in DeepSeek's wire names (`model`, `temperature`, ...), same ranges as a site's. */
    generation: generationOverridesSchema.optional(),
  })
  .strict();

/**
 * `sites.bot_settings`, validated where it is read. Every key is optional; `{}` (the column default)
 * means: no confidence check, no reply cache, no routing, no A/B test. See docs/deepseek.md.
 */
export const botSettingsSchema = z
  .object({
    /**
     * Replies whose confidence (exp of the mean token logprob) is below this are flagged `low_confidence`.
     * Logprobs are requested only when set and the model returns them (`deepseek-chat`, not
     * `deepseek-reasoner`). Default: none (not checked).
     */
    confidenceThreshold: z.number().min(0).max(1).optional(),
    /** First-turn answers cached in Redis by normalised question. Default off, TTL 3600 s. */
    replyCache: z
      .object({
        enabled: z.boolean().default(false),
        ttlSeconds: z
          .number()
          .int()
          .min(1)
          .max(30 * 24 * 3600)
          .default(3600),
      })
      .strict()
      .prefault({}),
    /**
     * Light/strong model routing on the customer's newest message: `strong` when it has at least
     * `minChars` characters or contains one of `keywords` (case-insensitive), else `light`. Default: off
     * (the site's `model`).
     */
    routing: z
      .object({
        light: z.string().min(1),
        strong: z.string().min(1),
        minChars: z.number().int().min(1).optional(),
        keywords: z.array(z.string().min(1)).max(200).default([]),
      })
      .strict()
      .optional(),
    /**
     * Two variants; a conversation gets the first when a stable hash of its id falls below `split`
     * (default 0.5), else the second, once, and keeps it. Default: off.
     */
    abTest: z
      .object({
        variants: z.tuple([variantSchema, variantSchema]).refine(([a, b]) => a.name !== b.name, 'variant names must differ'),
        split: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BotSettings = z.output<typeof botSettingsSchema>;
export type BotVariant = z.output<typeof variantSchema>;

export const DEFAULT_BOT_SETTINGS: BotSettings = botSettingsSchema.parse({});

/**
 * A site's bot settings, or the defaults with the problems listed when the stored JSON is invalid: a
 * typo in an admin's JSON must not stop the bot from answering.
 */
export function parseBotSettings(raw: unknown): { settings: BotSettings; problems: string[] } {
  const parsed = botSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return { settings: parsed.data, problems: [] };
  return {
    settings: DEFAULT_BOT_SETTINGS,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}

const parsedBySite = new WeakMap<SiteRow, BotSettings>();

/**
 * A site row's bot settings, parsed once per row (sites are cached as rows for seconds, so this is
 * once per site and refresh); `onProblems` hears about invalid JSON once per row too.
 */
export function botSettingsOf(site: SiteRow, onProblems: (problems: string[]) => void): BotSettings {
  let settings = parsedBySite.get(site);
  if (!settings) {
    const parsed = parseBotSettings(site.botSettings);
    if (parsed.problems.length > 0) onProblems(parsed.problems);
    settings = parsed.settings;
    parsedBySite.set(site, settings);
  }
  return settings;
}
