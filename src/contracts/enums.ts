import { z } from 'zod';

/**
 * Who answers a conversation. `bot`: the assistant; `waiting`: a person was asked for; `human`: an
 * agent owns it; `resolved`: closed. The allowed moves between them are in
 * `src/conversations/conversation-mode.ts`.
 */
export const CONVERSATION_MODES = ['bot', 'waiting', 'human', 'resolved'] as const;
export const conversationModeSchema = z.enum(CONVERSATION_MODES);
export type ConversationMode = z.infer<typeof conversationModeSchema>;

/** Who wrote a message. */
export const MESSAGE_ROLES = ['customer', 'bot', 'agent', 'system'] as const;
export const messageRoleSchema = z.enum(MESSAGE_ROLES);
export type MessageRole = z.infer<typeof messageRoleSchema>;

/** Word-list categories; each maps to one filter action through the site's policy. */
export const FILTER_CATEGORIES = ['profanity', 'politics', 'ads', 'pii', 'custom'] as const;
export const filterCategorySchema = z.enum(FILTER_CATEGORIES);
export type FilterCategoryName = z.infer<typeof filterCategorySchema>;

/** What a match does to a message. Strength order: block > review > flag > mask. */
export const FILTER_ACTIONS = ['mask', 'block', 'flag', 'review'] as const;
export const filterActionSchema = z.enum(FILTER_ACTIONS);
export type FilterActionName = z.infer<typeof filterActionSchema>;

/** What an agent account may do: `admin` also manages agents, teams and site membership. */
export const AGENT_ROLES = ['admin', 'agent'] as const;
export const agentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof agentRoleSchema>;
