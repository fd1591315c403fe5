import type { FilterMatch, SensitiveWordEngine } from '../filter/index.js';

/**
 * The split-across-messages rule. A customer can type a word one piece per message (`敏`, `感`, `词`).
 * Recent SHORT messages of the conversation (at most {@link SPLIT_SHORT_CHARS} characters each, at most
 * {@link SPLIT_TAIL_MESSAGES} of them, each within {@link SPLIT_WINDOW_MS} of the one before) are kept
 * as a tail; a new message is scanned once more behind that tail, and a match that starts in the tail
 * and ends in the new message counts against the new message.
 */
export const SPLIT_SHORT_CHARS = 8;
export const SPLIT_TAIL_MESSAGES = 8;
export const SPLIT_WINDOW_MS = 30_000;

export function isShortMessage(text: string): boolean {
  let codePoints = 0;
  for (const _ of text) if (++codePoints > SPLIT_SHORT_CHARS) return false;
  return true;
}

/**
 * Matches of `tail + text` that cross into `text`, with offsets clipped to `text`. The pieces are
 * joined with a space when the policy skips separators (so Latin pieces stay separate words for the
 * whole-word rule yet still match as `f u c k` does), with nothing otherwise.
 */
export function matchesCompletedBy(engine: SensitiveWordEngine, tail: readonly string[], text: string): FilterMatch[] {
  if (tail.length === 0) return [];
  const separator = engine.policy.normalize.skip ? ' ' : '';
  const prefix = tail.join(separator) + separator;
  const boundary = prefix.length;
  return engine
    .scan(prefix + text)
    .filter((match) => match.start < boundary && match.end > boundary)
    .map((match) => ({ ...match, start: 0, end: match.end - boundary }));
}
