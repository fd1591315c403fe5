import type {
  ErrorBody,
  ModeChange,
  ReplyDelta,
  ReplyEnd,
  ReplyError,
  ReplyReset,
  ReplyStart,
  SessionPayload,
  StoredMessage,
} from './payloads.js';

/** Every ack has this shape: `ok` with a result, or a machine-readable error. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

export const WIDGET_NAMESPACE = '/widget';

export function conversationRoom(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** Events the server (gateway or worker, through the bus) sends to widgets. */
export interface WidgetServerEvents {
  session: (payload: SessionPayload) => void;
  'message:new': (message: StoredMessage) => void;
  'reply:start': (payload: ReplyStart) => void;
  'reply:delta': (payload: ReplyDelta) => void;
  'reply:reset': (payload: ReplyReset) => void;
  'reply:end': (payload: ReplyEnd) => void;
  'reply:error': (payload: ReplyError) => void;
  'conversation:mode': (payload: ModeChange) => void;
}

/** Events a widget sends; payloads are validated with the schemas in `payloads.ts`. */
export interface WidgetClientEvents {
  'message:send': (payload: unknown, ack: (response: Ack<{ message: StoredMessage; duplicate: boolean }>) => void) => void;
  sync: (payload: unknown, ack: (response: Ack<{ messages: StoredMessage[] }>) => void) => void;
}

/** Events that workers publish to conversation rooms (a subset of what widgets receive). */
export type RoomEvents = Pick<
  WidgetServerEvents,
  'message:new' | 'reply:start' | 'reply:delta' | 'reply:reset' | 'reply:end' | 'reply:error' | 'conversation:mode'
>;
