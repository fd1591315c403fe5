import type { ConversationMode, MessageRole } from '../contracts/enums.js';
import type { MessageRow } from '../db/schema.js';

export interface NewMessage {
  conversationId: string;
  role: MessageRole;
  /** What people see. */
  text: string;
  /** What the model sees instead, when it differs (contact details masked). */
  modelText?: string;
  flags?: string[];
  clientMessageId?: string;
  inReplyTo?: string;
  ttftMs?: number;
  durationMs?: number;
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  promptCacheHitTokens?: number;
  confidence?: number;
  degraded?: boolean;
  /** A/B variant that produced a bot reply. */
  variant?: string;
  /** Endpoint that answered (after failover), or `reply-cache`. */
  endpoint?: string;
  /** The model's reasoning; for agents only, never sent to customers. */
  reasoning?: string;
  /**
   * The conversation must be in one of these modes for the message to be stored (default: any but
   * `resolved`). The bot passes `['bot']`, so nothing it wrote lands once a human owns the conversation.
   */
  writableModes?: readonly ConversationMode[];
  /** Stored only while this agent owns the conversation (agent messages; admins pass none). */
  ownerAgentId?: string;
  /** Agent messages: who wrote it and their name as shown to the visitor. */
  agentId?: string;
  authorName?: string;
}

export interface HistoryRow {
  id: string;
  seq: number;
  role: MessageRole;
  /** The text as the model may see it (contact details masked where the site shows them to agents only). */
  text: string;
}

export interface ReplyContext {
  mode: ConversationMode;
  /** A reply to the message is already stored (the job ran before). */
  answered: boolean;
  /** A/B variant already assigned to the conversation, if any. */
  variant: string | null;
  history: HistoryRow[];
}

export interface AppendResult {
  message: MessageRow;
  /** True when an earlier call already stored this message (same client id, or same reply target). */
  duplicate: boolean;
}

/** What other domains (the bot) may do with a conversation's messages. */
export interface MessageStore {
  /** Stores a message with the next `seq`; undefined when the conversation is gone or not in `writableModes`. */
  append(message: NewMessage): Promise<AppendResult | undefined>;
  /** The mode, whether `messageId` is answered, and the last `limit` messages up to `uptoSeq`, in one read. */
  loadReplyContext(conversationId: string, messageId: string, uptoSeq: number, limit: number): Promise<ReplyContext | undefined>;
  /** The stored reply to `messageId`, if there is one. */
  findReplyTo(messageId: string): Promise<MessageRow | undefined>;
}
