import { z } from 'zod';
import type { AckCallback } from './ack.js';
import type { RoomEvents } from './room-events.js';
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

/** Every widget -> server event: its payload schema and its ack's result schema. */
export const widgetClientEventSchemas = {
  'message:send': { payload: sendMessageSchema, result: sendMessageResultSchema },
  sync: { payload: syncRequestSchema, result: syncResultSchema },
} as const;

/** Events a widget sends. The server receives them as `Untrusted<WidgetClientEvents>` and parses each payload. */
export interface WidgetClientEvents {
  'message:send': (payload: SendMessageRequest, ack: AckCallback<SendMessageResult>) => void;
  sync: (payload: SyncRequest, ack: AckCallback<SyncResult>) => void;
}

/** Events the server (a gateway, or a worker through the bus) sends to widgets. */
export interface WidgetServerEvents extends RoomEvents {
  session: (payload: SessionPayload) => void;
}
