import { z } from 'zod';
import type { GenerationSettings } from './llm-types.js';

/**
 * Generation parameters in DeepSeek's wire names, as a site stores them and a request may override them.
 * Ranges are DeepSeek's: temperature 0..2, top_p (0, 1], max_tokens 1..8192, up to 16 stop strings,
 * penalties -2..2, top_logprobs 0..20 (only with `logprobs: true`).
 */
const settingsShape = z
  .object({
    model: z.string().min(1),
    temperature: z.number().min(0).max(2).optional(),
    // 0 would make sampling degenerate; DeepSeek (like OpenAI) documents top_p as > 0.
    top_p: z.number().gt(0).max(1).optional(),
    max_tokens: z.number().int().min(1).max(8192).optional(),
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(16)]).optional(),
    presence_penalty: z.number().min(-2).max(2).optional(),
    frequency_penalty: z.number().min(-2).max(2).optional(),
    logprobs: z.boolean().optional(),
    top_logprobs: z.number().int().min(0).max(20).optional(),
    response_format: z.object({ type: z.enum(['text', 'json_object']) }).optional(),
  })
  .strict();

export const generationSettingsSchema = settingsShape.refine(
  (settings) => settings.top_logprobs === undefined || settings.logprobs === true,
  { message: 'top_logprobs requires logprobs: true', path: ['top_logprobs'] },
);

/** A per-request override: every field optional, same ranges (the combination is checked after merging). */
export const generationOverridesSchema = settingsShape.partial();

export type GenerationOverrides = z.infer<typeof generationOverridesSchema>;

/** DeepSeek's defaults, for a site that has not chosen anything. */
export const DEFAULT_GENERATION_SETTINGS: GenerationSettings = { model: 'deepseek-chat' };

/**
 * A site's settings with a request's overrides on top (a field set on the request wins; `undefined`
 * does not erase the site's value). The result is validated, so a bad combination throws a ZodError.
 */
export function mergeSettings(site: GenerationSettings, request: GenerationOverrides = {}): GenerationSettings {
  const merged: Record<string, unknown> = { ...site };
  for (const [key, value] of Object.entries(request)) if (value !== undefined) merged[key] = value;
  return generationSettingsSchema.parse(merged) as GenerationSettings;
}
