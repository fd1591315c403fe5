import type { z } from 'zod';
import {
  modeChangeSchema,
  replyDeltaSchema,
  replyEndSchema,
  replyErrorSchema,
  replyResetSchema,
  replyStartSchema,
  storedMessageSchema,
} from './payloads.js';

/**
 * Events published to a conversation's room. Gateways and workers emit each once; it reaches the
 * visitor's widget and every agent socket in the room, in every namespace.
 */
export const roomEventSchemas = {
  'message:new': storedMessageSchema,
  'reply:start': replyStartSchema,
  'reply:delta': replyDeltaSchema,
  'reply:reset': replyResetSchema,
  'reply:end': replyEndSchema,
  'reply:error': replyErrorSchema,
  'conversation:mode': modeChangeSchema,
} as const;

type RoomEventSchemas = typeof roomEventSchemas;

/** The room events as a Socket.IO event map. */
export type RoomEvents = {
  [E in keyof RoomEventSchemas]: (payload: z.infer<RoomEventSchemas[E]>) => void;
};
export type RoomEventName = keyof RoomEvents;
