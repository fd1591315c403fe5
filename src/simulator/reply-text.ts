import type { ChatMessage } from '../llm/llm-types.js';
import { hashText, seededRandom } from './deterministic-random.js';
import { composeReply } from './reply-composer.js';
import { topicOf } from './reply-topics.js';
import { findMarkerSpecs, stripMarkers } from './sim-marker.js';
import { isMostlyCjk } from './text-tokens.js';
import { lastUserText, messageText, type WireMessage } from './wire-message.js';

export const DEFAULT_REPLY_TOKENS = 60;

/** Messages as the reply generator sees them: markers removed, so they never change the answer. */
function promptFingerprint(messages: readonly WireMessage[]): string {
  return JSON.stringify(messages.map((message) => [message.role, stripMarkers(messageText(message))]));
}

/** The `reply=` directive of the last user message's marker, if any (URL-decoded). */
function replyDirective(messages: readonly WireMessage[]): string | undefined {
  let reply: string | undefined;
  for (const spec of findMarkerSpecs(lastUserText(messages))) {
    for (const pair of spec.split(';')) {
      const [key, value] = pair.split('=', 2);
      if (key?.trim() === 'reply' && value !== undefined) reply = decodeURIComponent(value);
    }
  }
  return reply;
}

/**
 * The deterministic reply text the simulator generates for `messages` (what a stream concatenates to when
 * no stop, max_tokens, response_format or tool call changes it): whole sentences on the topic of the
 * question's keywords (shipping, refund, order, password, payment), sometimes Markdown, exactly
 * `replyTokens` tokens. Same messages -> same text; a `reply=` directive in a `[[sim:...]]` marker of
 * the last user message wins. Chinese when the question is mostly CJK.
 */
export function simulatedReply(
  messages: readonly ChatMessage[] | readonly WireMessage[],
  replyTokens: number = DEFAULT_REPLY_TOKENS,
): string {
  const wire = messages as readonly WireMessage[];
  const direct = replyDirective(wire);
  if (direct !== undefined) return direct;
  if (replyTokens <= 0) return '';
  const random = seededRandom(hashText(promptFingerprint(wire)));
  const question = stripMarkers(lastUserText(wire));
  return composeReply({
    language: isMostlyCjk(question) ? 'zh' : 'en',
    topic: topicOf(question),
    orderNumber: /#?\b(\d{3,})\b/.exec(question)?.[1]?.replace(/^/, '#'),
    random,
    tokens: replyTokens,
  });
}

/** The short reasoning text `deepseek-reasoner` streams before its answer. */
export function simulatedReasoning(messages: readonly WireMessage[]): string {
  const question = stripMarkers(lastUserText(messages)).split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
  if (isMostlyCjk(question)) return `用户问的是「${question}」。我应该礼貌、简洁地回答。`;
  return `The customer asks: "${question}". I should answer politely and concisely, then offer further help.`;
}
