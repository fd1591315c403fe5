/** Socket.IO namespace of the visitor's widget. */
export const WIDGET_NAMESPACE = '/widget';
/** Socket.IO namespace of the agent console. */
export const AGENT_NAMESPACE = '/agent';

/**
 * Every namespace whose sockets sit in conversation rooms. Socket.IO gives each namespace its own
 * adapter, so an event for a conversation is emitted once into each of them.
 */
export const CONVERSATION_NAMESPACES = [WIDGET_NAMESPACE, AGENT_NAMESPACE] as const;
export type ConversationNamespace = (typeof CONVERSATION_NAMESPACES)[number];

/** The room of one conversation: its visitor's sockets and every agent watching it. */
export function conversationRoom(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** In the `/agent` namespace: every connected agent of a site (presence changes go there). */
export function siteAgentsRoom(siteId: string): string {
  return `site-agents:${siteId}`;
}
