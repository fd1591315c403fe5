import type { ConversationMode } from '../contracts/enums.js';

/**
 * Every allowed change of who answers a conversation, and nothing else. `waiting -> waiting` is allowed
 * so a second handoff trigger while the customer already waits is not an error (and keeps the wait
 * clock); every other change to the mode a conversation already has is a lost race.
 */
export const MODE_TRANSITIONS: Readonly<Record<ConversationMode, readonly ConversationMode[]>> = Object.freeze({
  // The bot asks for a person, an agent takes over directly, or the conversation is closed.
  bot: ['waiting', 'human', 'resolved'],
  // An agent takes it, the customer or an agent hands it back to the bot, or it is closed.
  waiting: ['waiting', 'human', 'bot', 'resolved'],
  // Handed back to the bot, closed, or returned to the queue (transfer, an agent who went silent).
  human: ['bot', 'resolved', 'waiting'],
  // Reopened with the bot, or with an agent.
  resolved: ['bot', 'human'],
});

/** The modes from which `to` can be reached: the `from` set of the compare-and-set. */
export function modesLeadingTo(to: ConversationMode): ConversationMode[] {
  return (Object.keys(MODE_TRANSITIONS) as ConversationMode[]).filter((from) => MODE_TRANSITIONS[from].includes(to));
}

export function canChangeMode(from: ConversationMode, to: ConversationMode): boolean {
  return MODE_TRANSITIONS[from].includes(to);
}
