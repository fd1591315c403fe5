import type { ConversationSummary } from '../contracts/payloads.js';
import type { ConversationRow } from '../db/schema.js';

export function summarize(conversation: ConversationRow): ConversationSummary {
  return { id: conversation.id, mode: conversation.mode, lastSeq: conversation.lastSeq };
}
