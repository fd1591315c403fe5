import { z } from 'zod';
import type { AckCallback } from './ack.js';
import { conversationModeSchema, messageRoleSchema } from './enums.js';
import { feedbackCreatedSchema, feedbackSchema } from './feedback.js';
import { handoffBriefEventSchema, handoffBriefSchema, handoffRequestedSchema } from './handoff.js';
import {
  agentRefSchema,
  authorSchema,
  errorBodySchema,
  MAX_TEXT_CHARS,
  storedMessageSchema,
  visitorDetailsSchema,
} from './payloads.js';
import type { Resync } from './resync.js';
import type { RoomEvents } from './room-events.js';
import { seqSchema, wireString } from './wire-text.js';

/**
 * The `/agent` namespace (docs/agent-protocol.md): what the console (or a script with a session token)
 * sends, what it gets back in each ack, and what the server pushes. Every payload is parsed with these
 * schemas on the server; the types below are inferred from them, never written twice.
 */

/** Longest private note. */
export const MAX_NOTE_CHARS = 5000;
/** Most conversations in one `conversations:list` page. */
export const MAX_LIST_LIMIT = 100;

const conversationIdSchema = z.uuid();

/** How an agent shows up to colleagues: `offline` once no socket of theirs has been heard from. */
export const AGENT_PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export const agentPresenceStatusSchema = z.enum(AGENT_PRESENCE_STATUSES);
export type AgentPresenceStatus = z.infer<typeof agentPresenceStatusSchema>;

export const agentPresenceSchema = z.object({ id: z.string(), name: z.string(), status: agentPresenceStatusSchema });
export type AgentPresence = z.infer<typeof agentPresenceSchema>;

/** Where a conversation stands: mode, owner, queue fields. */
export const conversationStateSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  mode: conversationModeSchema,
  assignedAgent: agentRefSchema.nullable(),
  assignedTeamId: z.string().nullable(),
  waitingSince: z.string().nullable(),
  handoffReason: z.string().nullable(),
  /** The model's brief of the last handoff (docs/handoff.md), null when there is none. */
  handoffBrief: handoffBriefSchema.nullable(),
  /** The e-mail address the customer left to be answered at, if any. */
  contactEmail: z.string().nullable(),
  lastSeq: z.number().int(),
  updatedAt: z.string(),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** One row of `conversations:list`. */
export const agentConversationSummarySchema = z.object({
  id: z.string(),
  siteId: z.string(),
  mode: conversationModeSchema,
  assignedAgent: agentRefSchema.nullable(),
  /** The team it waits for (or was transferred to). */
  assignedTeamId: z.string().nullable(),
  /** The visitor as the page named them (`Switchboard.setUser`), if it did. */
  visitor: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  waitingSince: z.string().nullable(),
  /** The newest message, its text cut to a preview (at most 200 characters). */
  lastMessage: z.object({ seq: z.number().int(), role: messageRoleSchema, text: z.string(), createdAt: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type AgentConversationSummary = z.infer<typeof agentConversationSummarySchema>;

/** A private note: agents only, never a widget, never `sync`, never the model. */
export const conversationNoteSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  agent: authorSchema,
  text: z.string(),
  createdAt: z.string(),
});
export type ConversationNote = z.infer<typeof conversationNoteSchema>;

export const conversationRefSchema = z.object({ conversationId: conversationIdSchema });
export type ConversationRef = z.infer<typeof conversationRefSchema>;

export const listConversationsSchema = z.object({
  /** One of the agent's sites; default: all of them. */
  siteId: z.uuid().optional(),
  modes: z.array(conversationModeSchema).min(1).max(4).optional(),
  /** `nextCursor` of the previous page. */
  cursor: wireString(200).pipe(z.string().min(1)).optional(),
  limit: z.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
});
export const listConversationsResultSchema = z.object({
  conversations: z.array(agentConversationSummarySchema),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});

export const watchConversationSchema = z.object({
  conversationId: conversationIdSchema,
  /** Transcript after this seq (a re-watch after a reconnect); default 0, the whole transcript (one page). */
  afterSeq: seqSchema.default(0),
});
export const watchConversationResultSchema = z.object({
  conversation: conversationStateSchema,
  /** Oldest first, at most 500; watch again with the last seq for more. */
  messages: z.array(storedMessageSchema),
  notes: z.array(conversationNoteSchema),
  viewers: z.array(agentRefSchema),
  /** Who the visitor is, where they chat from, and their other conversations. */
  visitor: visitorDetailsSchema.nullable(),
  /** The visitor's thumbs on bot replies and their rating of the conversation, oldest first. */
  feedback: z.array(feedbackSchema),
});

export const conversationStateResultSchema = z.object({ conversation: conversationStateSchema });
export const unwatchResultSchema = z.object({ conversationId: z.string() });
export const emptyPayloadSchema = z.object({});

export const reopenConversationSchema = z.object({
  conversationId: conversationIdSchema,
  /** `human` (default): reopened with the agent who asks as its owner; `bot`: back to the assistant. */
  to: z.enum(['human', 'bot']).default('human'),
});

/** To an agent (who then owns it) or to a team (it goes back to `waiting` for that team). */
export const transferConversationSchema = z.union([
  z.strictObject({ conversationId: conversationIdSchema, toAgentId: z.uuid() }),
  z.strictObject({ conversationId: conversationIdSchema, toTeamId: z.uuid() }),
]);

export const agentSendMessageSchema = z.object({
  conversationId: conversationIdSchema,
  /** Chosen by the client (a UUID is fine); sending the same id again returns the stored message. */
  clientMessageId: wireString(100).pipe(z.string().min(1)),
  text: wireString(MAX_TEXT_CHARS),
});
export const agentSendMessageResultSchema = z.object({ message: storedMessageSchema, duplicate: z.boolean() });

export const addNoteSchema = z.object({ conversationId: conversationIdSchema, text: wireString(MAX_NOTE_CHARS) });
export const addNoteResultSchema = z.object({ note: conversationNoteSchema });

export const agentTypingSchema = z.object({ conversationId: conversationIdSchema, typing: z.boolean() });

export const setPresenceSchema = z.object({ status: z.enum(['online', 'away']) });
export const presenceResultSchema = z.object({ presence: agentPresenceSchema });
export const listPresenceSchema = z.object({ siteId: z.uuid().optional() });
export const listPresenceResultSchema = z.object({ agents: z.array(agentPresenceSchema) });

/** Every agent -> server event: its payload schema and its ack's result schema (none for `typing`). */
export const agentClientEventSchemas = {
  'conversations:list': { payload: listConversationsSchema, result: listConversationsResultSchema },
  'conversation:watch': { payload: watchConversationSchema, result: watchConversationResultSchema },
  'conversation:unwatch': { payload: conversationRefSchema, result: unwatchResultSchema },
  'conversation:take': { payload: conversationRefSchema, result: conversationStateResultSchema },
  'conversation:hand-back': { payload: conversationRefSchema, result: conversationStateResultSchema },
  'conversation:resolve': { payload: conversationRefSchema, result: conversationStateResultSchema },
  'conversation:reopen': { payload: reopenConversationSchema, result: conversationStateResultSchema },
  'conversation:transfer': { payload: transferConversationSchema, result: conversationStateResultSchema },
  'message:send': { payload: agentSendMessageSchema, result: agentSendMessageResultSchema },
  'note:add': { payload: addNoteSchema, result: addNoteResultSchema },
  typing: { payload: agentTypingSchema },
  'presence:set': { payload: setPresenceSchema, result: presenceResultSchema },
  'presence:heartbeat': { payload: emptyPayloadSchema, result: presenceResultSchema },
  'agents:presence': { payload: listPresenceSchema, result: listPresenceResultSchema },
} as const;

type ClientSchemas = typeof agentClientEventSchemas;
/** The payload a client sends for an event (defaults may be left out). */
export type AgentPayload<E extends keyof ClientSchemas> = z.input<ClientSchemas[E]['payload']>;
/** The successful result in an event's ack. */
export type AgentResult<E extends keyof ClientSchemas> = ClientSchemas[E] extends { result: z.ZodType }
  ? z.infer<ClientSchemas[E]['result']>
  : never;

type Acked<E extends keyof ClientSchemas> = (payload: AgentPayload<E>, ack: AckCallback<AgentResult<E>>) => void;

/** Events an agent socket sends. The server receives them as `Untrusted<AgentClientEvents>`. */
export interface AgentClientEvents {
  'conversations:list': Acked<'conversations:list'>;
  'conversation:watch': Acked<'conversation:watch'>;
  'conversation:unwatch': Acked<'conversation:unwatch'>;
  'conversation:take': Acked<'conversation:take'>;
  'conversation:hand-back': Acked<'conversation:hand-back'>;
  'conversation:resolve': Acked<'conversation:resolve'>;
  'conversation:reopen': Acked<'conversation:reopen'>;
  'conversation:transfer': Acked<'conversation:transfer'>;
  'message:send': Acked<'message:send'>;
  'note:add': Acked<'note:add'>;
  /** Fire and forget; reaches the visitor (`agent:typing`) and the other agents in the room. */
  typing: (payload: AgentPayload<'typing'>) => void;
  'presence:set': Acked<'presence:set'>;
  'presence:heartbeat': Acked<'presence:heartbeat'>;
  'agents:presence': Acked<'agents:presence'>;
}

export const viewersChangeSchema = z.object({ conversationId: z.string(), viewers: z.array(agentRefSchema) });
export const agentTypingEventSchema = z.object({
  conversationId: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  typing: z.boolean(),
});
export const visitorTypingEventSchema = z.object({ conversationId: z.string(), typing: z.boolean() });

/** Events that only agents in a conversation's room get (published with `RoomPublisher.toAgents`). */
export const agentRoomEventSchemas = {
  'note:new': conversationNoteSchema,
  'conversation:viewers': viewersChangeSchema,
  'agent:typing': agentTypingEventSchema,
  'visitor:typing': visitorTypingEventSchema,
  /** The visitor thumbed a bot reply or rated the conversation (again: it replaces the earlier one, same id). */
  'feedback:created': feedbackCreatedSchema,
} as const;

/** The agent-only room events as a Socket.IO event map. */
export type AgentRoomEvents = {
  [E in keyof typeof agentRoomEventSchemas]: (payload: z.infer<(typeof agentRoomEventSchemas)[E]>) => void;
};

/**
 * Events sent to every connected agent of a site (room `site-agents:<siteId>`, on every gateway), with
 * `RoomPublisher.toSiteAgents`: `handoff:requested` when a conversation moves to `waiting`, and
 * `handoff:brief` when the model's brief of it is ready (or null when it could not be written in time).
 */
export const siteAgentEventSchemas = {
  'handoff:requested': handoffRequestedSchema,
  'handoff:brief': handoffBriefEventSchema,
} as const;

/** The site-wide agent events as a Socket.IO event map. */
export type SiteAgentEvents = {
  [E in keyof typeof siteAgentEventSchemas]: (payload: z.infer<(typeof siteAgentEventSchemas)[E]>) => void;
};

export const sessionEndedSchema = z.object({ error: errorBodySchema });

/** Events the server sends to agent sockets: every room event, the agent-only ones, presence, session end. */
export interface AgentServerEvents extends RoomEvents, AgentRoomEvents, SiteAgentEvents {
  /** A colleague of one of the agent's sites went online, away or offline. */
  'agent:presence': (payload: AgentPresence) => void;
  /** The session was logged out, disabled or ran out; the server disconnects right after. */
  'session:ended': (payload: z.infer<typeof sessionEndedSchema>) => void;
  /** Room events may have been missed (the gateway's bus reconnected): watch again from the last seq held. */
  resync: (payload: Resync) => void;
}
