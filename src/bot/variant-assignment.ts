import { createHash } from 'node:crypto';
import type { BotSettings, BotVariant } from './bot-settings.js';

/** A number in [0, 1) fixed by the conversation id: the same on every worker and every run. */
export function stableFraction(conversationId: string): number {
  return createHash('sha256').update(conversationId).digest().readUInt32BE(0) / 2 ** 32;
}

/** The variant a conversation falls into, before any is stored on it. */
export function pickVariant(abTest: NonNullable<BotSettings['abTest']>, conversationId: string): BotVariant {
  const [first, second] = abTest.variants;
  return stableFraction(conversationId) < abTest.split ? first : second;
}
