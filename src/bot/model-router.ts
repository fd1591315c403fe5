import type { BotSettings } from './bot-settings.js';

/**
 * Picks the light or the strong model for a question by the site's rules; undefined when the site does
 * not route (its own `model` applies). Long questions and ones naming a hard topic go to the strong one.
 */
export function routeModel(routing: BotSettings['routing'], question: string): string | undefined {
  if (!routing) return undefined;
  const long = routing.minChars !== undefined && [...question].length >= routing.minChars;
  const lower = question.toLowerCase();
  const named = routing.keywords.some((keyword) => lower.includes(keyword.toLowerCase()));
  return long || named ? routing.strong : routing.light;
}
