import { hashText } from './deterministic-random.js';
import { estimateTokens } from '../llm/token-estimate.js';
import { messageText, type WireMessage } from './wire-message.js';

/** DeepSeek's context cache works in 64-token units. */
const CACHE_UNIT_TOKENS = 64;

export interface PromptTokenCount {
  promptTokens: number;
  cacheHitTokens: number;
  cacheMissTokens: number;
}

/**
 * A deterministic stand-in for DeepSeek's disk cache: the longest prefix of whole messages (never the last
 * one) that an earlier request also sent counts as cached, rounded down to 64 tokens.
 */
export class PromptCache {
  private readonly seenPrefixes = new Set<number>();

  measure(messages: readonly WireMessage[]): PromptTokenCount {
    const messageTokens = messages.map((message) => estimateTokens(messageText(message)));
    const prefixHashes = prefixHashesOf(messages);
    let cachedTokens = 0;
    let prefixTokens = 0;
    for (let length = 1; length < messages.length; length++) {
      prefixTokens += messageTokens[length - 1] ?? 0;
      if (this.seenPrefixes.has(prefixHashes[length - 1] ?? -1)) cachedTokens = prefixTokens;
    }
    for (const hash of prefixHashes) this.seenPrefixes.add(hash);
    const promptTokens = messageTokens.reduce((sum, tokens) => sum + tokens, 0);
    const cacheHitTokens = Math.floor(cachedTokens / CACHE_UNIT_TOKENS) * CACHE_UNIT_TOKENS;
    return { promptTokens, cacheHitTokens, cacheMissTokens: promptTokens - cacheHitTokens };
  }

  reset(): void {
    this.seenPrefixes.clear();
  }
}

function prefixHashesOf(messages: readonly WireMessage[]): number[] {
  const hashes: number[] = [];
  let running = '';
  for (const message of messages) {
    running += `\u0000${message.role}\u0001${messageText(message)}`;
    hashes.push(hashText(running));
  }
  return hashes;
}
