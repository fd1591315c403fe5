import { z } from 'zod';
import type { AckCallback } from './ack.js';
import { conversationModeSchema } from './enums.js';
import {
  dismissRatingResultSchema,
  dismissRatingSchema,
  sendFeedbackResultSchema,
  sendFeedbackSchema,
  type DismissRatingRequest,
  type DismissRatingResult,
  type SendFeedbackRequest,
  type SendFeedbackResult,
} from './feedback.js';
import type { Resync } from './resync.js';
import type { RoomEvents } from './room-events.js';
import { contactEmailSchema, handoffQueuedSchema, handoffUnavailableSchema, widgetHandoffRequestSchema } from './handoff.js';
import {
  sendMessageSchema,
  storedMessageSchema,
  syncRequestSchema,
  type SendMessageRequest,
  type SessionPayload,
  type SyncRequest,
} from './payloads.js';

/** Successful result of `message:send`. `duplicate`: the client id was seen before; nothing new was stored. */
export const sendMessageResultSchema = z.object({ message: storedMessageSchema, duplicate: z.boolean() });
export type SendMessageResult = z.infer<typeof sendMessageResultSchema>;

/** Successful result of `sync`: the messages after `afterSeq`, oldest first, at most one page. */
export const syncResultSchema = z.object({ messages: z.array(storedMessageSchema) });
export type SyncResult = z.infer<typeof syncResultSchema>;

/** `typing`: the visitor started (true) or stopped (false) typing. Fire and forget: no ack. */
export const visitorTypingSchema = z.object({ typing: z.boolean() });
export type VisitorTypingRequest = z.infer<typeof visitorTypingSchema>;

/** Successful result of `handoff:request`: the conversation's mode afterwards (`waiting`, or `human` if auto-assigned). */
export const handoffRequestResultSchema = z.object({ mode: conversationModeSchema });
export type HandoffRequestResult = z.infer<typeof handoffRequestResultSchema>;

/** Successful result of `contact:email`: the address as stored. */
export const contactEmailResultSchema = z.object({ email: z.string() });
export type ContactEmailResult = z.infer<typeof contactEmailResultSchema>;

/** Every widget -> server event: its payload schema and its ack's result schema (none for fire-and-forget events). */
export const widgetClientEventSchemas = {
  'message:send': { payload: sendMessageSchema, result: sendMessageResultSchema },
  sync: { payload: syncRequestSchema, result: syncResultSchema },
  typing: { payload: visitorTypingSchema },
  'handoff:request': { payload: widgetHandoffRequestSchema, result: handoffRequestResultSchema },
  'contact:email': { payload: contactEmailSchema, result: contactEmailResultSchema },
  'feedback:send': { payload: sendFeedbackSchema, result: sendFeedbackResultSchema },
  'feedback:dismiss': { payload: dismissRatingSchema, result: dismissRatingResultSchema },
} as const;

/** Events a widget sends. The server receives them as `Untrusted<WidgetClientEvents>` and parses each payload. */
export interface WidgetClientEvents {
  'message:send': (payload: SendMessageRequest, ack: AckCallback<SendMessageResult>) => void;
  sync: (payload: SyncRequest, ack: AckCallback<SyncResult>) => void;
  /** Reaches the agents watching the conversation (as `visitor:typing`), never another widget. */
  typing: (payload: VisitorTypingRequest) => void;
  /** "Talk to a person": moves the conversation to `waiting` (reason `customer_asked`). */
  'handoff:request': (payload: z.input<typeof widgetHandoffRequestSchema>, ack: AckCallback<HandoffRequestResult>) => void;
  /** The e-mail address to be answered at when no agent is available (kept for the ticket). */
  'contact:email': (payload: z.input<typeof contactEmailSchema>, ack: AckCallback<ContactEmailResult>) => void;
  /** A thumb on a bot reply, or the rating of a resolved conversation; sending again replaces it. */
  'feedback:send': (payload: SendFeedbackRequest, ack: AckCallback<SendFeedbackResult>) => void;
  /** "Not now" on the rating card of a resolved conversation of the visitor: it is not offered again. */
  'feedback:dismiss': (payload: DismissRatingRequest, ack: AckCallback<DismissRatingResult>) => void;
}

/** `agent:typing`: an agent in the conversation started or stopped typing (distinct from the bot's stream). */
export const agentTypingForWidgetSchema = z.object({ conversationId: z.string(), agentName: z.string(), typing: z.boolean() });
export type AgentTypingForWidget = z.infer<typeof agentTypingForWidgetSchema>;

/** Events that only widgets in a conversation's room get (published with `RoomPublisher.toWidgets`). */
export const widgetRoomEventSchemas = {
  'agent:typing': agentTypingForWidgetSchema,
  'handoff:queued': handoffQueuedSchema,
  'handoff:unavailable': handoffUnavailableSchema,
} as const;

/** The widget-only room events as a Socket.IO event map. */
export type WidgetRoomEvents = {
  [E in keyof typeof widgetRoomEventSchemas]: (payload: z.infer<(typeof widgetRoomEventSchemas)[E]>) => void;
};

/** Events the server (a gateway, or a worker through the bus) sends to widgets. */
export interface WidgetServerEvents extends RoomEvents, WidgetRoomEvents {
  session: (payload: SessionPayload) => void;
  /** Room events may have been missed (the gateway's bus reconnected): `sync` from the last seq held. */
  resync: (payload: Resync) => void;
}
