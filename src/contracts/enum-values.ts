// The enums' values without zod, so that a browser bundle can import them without bundling zod
// (the console's word-list form does); `enums.ts` builds the schemas and types from them.

/**
 * Who answers a conversation. `bot`: the assistant; `waiting`: a person was asked for; `human`: an
 * agent owns it; `resolved`: closed. The allowed moves between them are in
 * `src/conversations/conversation-mode.ts`.
 */
export const CONVERSATION_MODES = ['bot', 'waiting', 'human', 'resolved'] as const;

/** Who wrote a message. */
export const MESSAGE_ROLES = ['customer', 'bot', 'agent', 'system'] as const;

/** Word-list categories; each maps to one filter action through the site's policy. */
export const FILTER_CATEGORIES = ['profanity', 'politics', 'ads', 'pii', 'custom'] as const;

/** What a match does to a message. Strength order: block > review > flag > mask. */
export const FILTER_ACTIONS = ['mask', 'block', 'flag', 'review'] as const;

/** What an agent account may do: `admin` also manages agents, teams and site membership. */
export const AGENT_ROLES = ['admin', 'agent'] as const;
