import type { LlmStreamEvent } from '../llm/llm-types.js';
import type { CachedReply } from './reply-cache.repository.js';

/** `messages.endpoint` of a reply served from the reply cache. */
export const REPLY_CACHE_ENDPOINT = 'reply-cache';

/**
 * A cached answer as a model stream (word pieces, then `finish`), so it goes through the same output
 * filter, delta batching and storage as a live one.
 */
export async function* replayCachedReply(reply: CachedReply): AsyncGenerator<LlmStreamEvent> {
  for (const piece of reply.text.match(/\s*\S+|\s+$/g) ?? []) yield { type: 'content', text: piece };
  yield { type: 'finish', finishReason: 'stop', usage: null, endpoint: REPLY_CACHE_ENDPOINT, model: reply.model };
}
