import type { MessageRole } from '../contracts/enums.js';
import type { MessageRow } from '../db/schema.js';

/** A message as webhook payloads show it (the same shape `message.created` uses). */
export interface TranscriptMessage {
  id: string;
  seq: number;
  role: MessageRole;
  text: string;
  flags: string[];
  inReplyTo: string | null;
  createdAt: string;
  author: { id: string; name: string | null } | null;
}

export function toTranscriptMessage(row: MessageRow): TranscriptMessage {
  return {
    id: row.id,
    seq: row.seq,
    role: row.role,
    text: row.text,
    flags: row.flags,
    inReplyTo: row.inReplyTo,
    createdAt: row.createdAt.toISOString(),
    author: row.agentId ? { id: row.agentId, name: row.authorName } : null,
  };
}
