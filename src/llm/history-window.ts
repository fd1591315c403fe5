import type { ChatMessage } from './llm-types.js';
import { estimateTokens, TOKENS_PER_MESSAGE_OVERHEAD } from './token-estimate.js';

export interface HistoryEntry {
  role: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
}

export interface ContextWindowOptions {
  systemPrompt: string;
  /** How many messages before the newest customer message the model may see. */
  historyWindow: number;
  /** Estimated-token budget for the whole request; older history is dropped first to meet it. */
  tokenBudget: number;
}

/**
 * Builds the model's context: the system prompt, then at most `historyWindow` earlier messages that fit
 * the token budget, then the newest customer message. The system prompt and the newest message are
 * always sent, even when they alone exceed the budget (the model then answers or DeepSeek says why).
 * Consecutive messages of one role are merged: `deepseek-reasoner` rejects two user turns in a row.
 */
export function buildContext(history: HistoryEntry[], options: ContextWindowOptions): ChatMessage[] {
  const newest = history.at(-1);
  if (!newest) throw new Error('buildContext needs at least the newest customer message');
  const earlier = history
    .slice(0, -1)
    .filter((entry) => entry.role !== 'system')
    .slice(-Math.max(0, options.historyWindow));

  const cost = (text: string) => estimateTokens(text) + TOKENS_PER_MESSAGE_OVERHEAD;
  let remaining = options.tokenBudget - cost(options.systemPrompt) - cost(newest.text);
  const kept: HistoryEntry[] = [];
  for (let index = earlier.length - 1; index >= 0; index -= 1) {
    const entry = earlier[index]!;
    remaining -= cost(entry.text);
    if (remaining < 0) break;
    kept.unshift(entry);
  }

  const turns: ChatMessage[] = [];
  for (const entry of [...kept, newest]) {
    const role = entry.role === 'customer' ? 'user' : 'assistant';
    const previous = turns.at(-1);
    if (previous && previous.role === role) previous.content += `\n\n${entry.text}`;
    else turns.push({ role, content: entry.text });
  }
  return [{ role: 'system', content: options.systemPrompt }, ...turns];
}
