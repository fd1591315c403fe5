import type { HandoffUnavailable } from '../../src/contracts/handoff.js';
import type { ModeChange, SessionPayload, StoredMessage } from '../../src/contracts/payloads.js';
import type { ChatConnection } from './chat-connection.js';
import type { ConversationTimeline } from './conversation-timeline.js';
import type { Strings } from './strings.js';

/** What the server's events act on: the widget's current conversation and what it shows. */
export interface ConversationEventTarget {
  /** Read at every event: `reset()` replaces the timeline. */
  timeline(): ConversationTimeline;
  strings(): Strings;
  render(): void;
  note(text: string, tone: 'info' | 'error'): void;
  session(session: SessionPayload): void;
  message(message: StoredMessage): void;
  /** The place in the queue, as the header shows it. */
  queued(text: string): void;
  unavailable(event: HandoffUnavailable): void;
  agentTyping(text: string): void;
  modeChanged(change: ModeChange): void;
}

/**
 * Routes the `/widget` events to the widget. Events about another conversation (one the visitor
 * left, e.g. after `reset()` or a resolve) are dropped here, once, for all of them.
 */
export function listenToConversation(connection: ChatConnection, target: ConversationEventTarget): void {
  const current = (conversationId: string) => conversationId === target.timeline().conversationId;
  const onReply = (update: (timeline: ConversationTimeline) => void) => (event: { conversationId: string }) => {
    if (!current(event.conversationId)) return;
    update(target.timeline());
    target.render();
  };
  connection.on('session', (session) => target.session(session));
  connection.on('message:new', (message) => target.message(message));
  connection.on('reply:end', ({ message }) => target.message(message));
  connection.on('reply:start', (event) => onReply((timeline) => timeline.startReply(event.replyTo))(event));
  connection.on('reply:delta', (event) =>
    onReply((timeline) => timeline.addDelta(event.replyTo, event.index, event.text))(event),
  );
  connection.on('reply:reset', (event) => onReply((timeline) => timeline.resetReply(event.replyTo, event.reason))(event));
  connection.on('reply:error', ({ conversationId, replyTo, error }) => {
    if (!current(conversationId)) return;
    target.timeline().endReply(replyTo);
    target.note(`${target.strings().replyFailed} ${error.message}`, 'error');
  });
  connection.on('handoff:queued', ({ conversationId, position, estimateSeconds }) => {
    if (current(conversationId)) target.queued(target.strings().queued(position, Math.max(1, Math.round(estimateSeconds / 60))));
  });
  connection.on('handoff:unavailable', (event) => {
    if (current(event.conversationId)) target.unavailable(event);
  });
  connection.on('agent:typing', ({ conversationId, agentName, typing }) => {
    if (current(conversationId)) target.agentTyping(typing ? target.strings().agentTyping(agentName) : '');
  });
  connection.on('conversation:mode', (change) => {
    if (current(change.conversationId)) target.modeChanged(change);
  });
}
