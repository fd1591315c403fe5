import { z } from 'zod';
import { AGENT_ROLES, CONVERSATION_MODES, FILTER_ACTIONS, FILTER_CATEGORIES, MESSAGE_ROLES } from './enum-values.js';

export { AGENT_ROLES, CONVERSATION_MODES, FILTER_ACTIONS, FILTER_CATEGORIES, MESSAGE_ROLES };

/** Who answers a conversation (`CONVERSATION_MODES`). */
export const conversationModeSchema = z.enum(CONVERSATION_MODES);
export type ConversationMode = z.infer<typeof conversationModeSchema>;

/** Who wrote a message. */
export const messageRoleSchema = z.enum(MESSAGE_ROLES);
export type MessageRole = z.infer<typeof messageRoleSchema>;

/** Word-list categories; each maps to one filter action through the site's policy. */
export const filterCategorySchema = z.enum(FILTER_CATEGORIES);
export type FilterCategoryName = z.infer<typeof filterCategorySchema>;

/** What a match does to a message. Strength order: block > review > flag > mask. */
export const filterActionSchema = z.enum(FILTER_ACTIONS);
export type FilterActionName = z.infer<typeof filterActionSchema>;

/** What an agent account may do: `admin` also manages agents, teams and site membership. */
export const agentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof agentRoleSchema>;
