import type { StoredMessage } from '../contracts/payloads.js';
import type { MessageRow } from '../db/schema.js';

/** The wire form of a stored message: what widgets and agents see (no internal timings or usage). */
export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    role: row.role,
    text: row.text,
    flags: row.flags,
    clientMessageId: row.clientMessageId,
    inReplyTo: row.inReplyTo,
    createdAt: row.createdAt.toISOString(),
    ...(row.role === 'agent' && row.authorName !== null ? { agent: { id: row.agentId, name: row.authorName } } : {}),
  };
}
