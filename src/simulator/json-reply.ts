import { stripMarkers } from './sim-marker.js';
import { messageText, type WireMessage } from './wire-message.js';

const MAX_KEYS = 8;

/** Quoted identifiers in the prompt (`"summary"`, `"category"`) are taken as the keys the caller expects. */
function requestedKeys(messages: readonly WireMessage[]): string[] {
  const keys = new Set<string>();
  for (const message of messages) {
    for (const match of stripMarkers(messageText(message)).matchAll(/"([A-Za-z_][A-Za-z0-9_]{0,39})"/g)) {
      if (match[1]) keys.add(match[1]);
      if (keys.size >= MAX_KEYS) break;
    }
  }
  return [...keys];
}

/**
 * The answer for `response_format: {type: "json_object"}`: an object with the prompt's quoted keys (each
 * holding a slice of the plain reply), or `{"answer": reply}`. `invalid` yields a truncated, unparsable
 * object, as a model that breaks JSON mode would.
 */
export function jsonReplyText(messages: readonly WireMessage[], plainReply: string, invalid: boolean): string {
  const keys = requestedKeys(messages);
  const words = plainReply.split(/\s+/).filter(Boolean);
  const answer: Record<string, string> = {};
  if (keys.length === 0) answer.answer = plainReply;
  keys.forEach((key, index) => {
    const size = Math.max(1, Math.ceil(words.length / keys.length));
    answer[key] = words.slice(index * size, (index + 1) * size).join(' ') || plainReply;
  });
  const text = JSON.stringify(answer, null, 1).replace(/\n\s*/g, ' ');
  return invalid ? `Sure! Here is the JSON: ${text.slice(0, Math.max(2, text.length - 5))}` : text;
}
