import type { ConversationNote, ConversationState } from '../contracts/agent-events.js';
import type { AgentRef, ConversationSummary } from '../contracts/payloads.js';
import type { ConversationNoteRow, ConversationRow } from '../db/schema.js';
import type { ConversationWithOwner } from './conversation.repository.js';

export function summarize(conversation: ConversationRow): ConversationSummary {
  return { id: conversation.id, mode: conversation.mode, lastSeq: conversation.lastSeq };
}

/** The owner as clients see it; null when nobody owns the conversation. */
export function ownerOf(conversation: Pick<ConversationWithOwner, 'assignedAgentId' | 'assignedAgentName'>): AgentRef | null {
  return conversation.assignedAgentId ? { id: conversation.assignedAgentId, name: conversation.assignedAgentName ?? '' } : null;
}

/** Where a conversation stands, for agents. */
export function toConversationState(conversation: ConversationWithOwner): ConversationState {
  return {
    id: conversation.id,
    siteId: conversation.siteId,
    mode: conversation.mode,
    assignedAgent: ownerOf(conversation),
    assignedTeamId: conversation.assignedTeamId,
    waitingSince: conversation.waitingSince?.toISOString() ?? null,
    handoffReason: conversation.handoffReason,
    handoffBrief: conversation.handoffBrief ?? null,
    contactEmail: conversation.contactEmail,
    lastSeq: conversation.lastSeq,
    updatedAt: conversation.updatedAt.toISOString(),
  };
}

export function toNote(row: ConversationNoteRow): ConversationNote {
  return {
    id: row.id,
    conversationId: row.conversationId,
    agent: { id: row.agentId, name: row.authorName },
    text: row.text,
    createdAt: row.createdAt.toISOString(),
  };
}
