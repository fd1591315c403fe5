import type { SiteRow } from '../db/schema.js';
import { generationSettingsSchema, mergeSettings, type GenerationOverrides } from '../llm/generation-settings.js';
import type { GenerationSettings } from '../llm/llm-types.js';
import { supportsLogprobs } from '../llm/model-capabilities.js';
import type { BotSettings, BotVariant } from './bot-settings.js';
import { routeModel } from './model-router.js';

/** How one reply is asked for: the generation settings, the system prompt and what is checked after. */
export interface ReplyPlan {
  settings: GenerationSettings;
  systemPrompt: string;
  /** Null when confidence is not checked (no threshold, or the model returns no logprobs). */
  confidenceThreshold: number | null;
  /** Problems with the stored settings that were skipped, for the operator's log. */
  problems: string[];
}

/**
 * Layers, later wins: the site's `model` and `generation` column, the routed model, the A/B variant's
 * model/generation, and `logprobs: true` when confidence is checked. Merged with `mergeSettings`, so the
 * result is within DeepSeek's ranges; a site whose stored settings are invalid answers with its model
 * and the overrides alone rather than not at all.
 */
export function planReply(site: SiteRow, bot: BotSettings, variant: BotVariant | undefined, question: string): ReplyPlan {
  const problems: string[] = [];
  const routed = routeModel(bot.routing, question);
  const overrides: GenerationOverrides = { ...(routed ? { model: routed } : {}), ...variant?.generation };
  let settings = merged(site, overrides, problems);
  const threshold = bot.confidenceThreshold ?? null;
  const checked = threshold !== null && supportsLogprobs(settings.model);
  if (checked) settings = { ...settings, logprobs: true };
  else if (!supportsLogprobs(settings.model) && settings.logprobs) {
    const { logprobs: _logprobs, top_logprobs: _top, ...rest } = settings;
    settings = rest;
  }
  return {
    settings,
    systemPrompt: variant?.systemPrompt ?? site.systemPrompt,
    confidenceThreshold: checked ? threshold : null,
    problems,
  };
}

function merged(site: SiteRow, overrides: GenerationOverrides, problems: string[]): GenerationSettings {
  const base = generationSettingsSchema.safeParse({ model: site.model, ...site.generation });
  if (!base.success)
    problems.push(`generation: ${base.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  try {
    return mergeSettings(base.success ? (base.data as GenerationSettings) : { model: site.model }, overrides);
  } catch {
    problems.push('variant generation overrides make an invalid combination; ignored');
    return { model: site.model };
  }
}
