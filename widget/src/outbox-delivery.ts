import type { StoredMessage } from '../../src/contracts/payloads.js';
import type { ChatConnection } from './chat-connection.js';
import type { ConversationMode, ConversationTimeline } from './conversation-timeline.js';
import type { Strings } from './strings.js';

/** What delivering the visitor's messages reads from the widget, and tells it. */
export interface DeliveryContext {
  connection: ChatConnection;
  /** Read at every step: `reset()` replaces the timeline. */
  timeline(): ConversationTimeline;
  /** Counts handshakes; an ack from an older connection must not mark a resent message failed. */
  connectionNumber(): number;
  mode(): ConversationMode;
  strings(): Strings;
  stored(message: StoredMessage): void;
  announce(text: string): void;
  render(): void;
}

/**
 * The visitor's messages from the outbox to the server: each keeps its client id for life, so a resend
 * after a reconnect is stored once; nothing is handed to socket.io while offline.
 */
export class OutboxDelivery {
  constructor(private readonly context: DeliveryContext) {}

  send(text: string): void {
    const { context } = this;
    const entry = context.timeline().outbox.add(crypto.randomUUID(), text);
    context.render();
    if (context.mode() === 'resolved') {
      // The server refuses messages in a resolved conversation; a new handshake opens a fresh one.
      context.connection.renew();
      return;
    }
    void this.deliver(entry.clientMessageId);
  }

  /** After a handshake: everything not yet sent on this connection. */
  flush(): void {
    for (const entry of this.context.timeline().outbox.sending()) {
      if (entry.sentOn !== this.context.connectionNumber()) void this.deliver(entry.clientMessageId);
    }
    this.context.render();
  }

  private async deliver(clientMessageId: string): Promise<void> {
    const { context } = this;
    const timeline = context.timeline();
    const entry = timeline.outbox.get(clientMessageId);
    const connection = context.connectionNumber();
    if (!entry || !context.connection.connected || connection === 0) return;
    timeline.outbox.markSent(clientMessageId, connection);
    try {
      const response = await context.connection.send({ clientMessageId, text: entry.text });
      // After reset() the answer belongs to a conversation the visitor left.
      if (timeline !== context.timeline()) return;
      if (response.ok) {
        context.stored(response.message);
      } else if (response.error.code === 'CONVERSATION_CLOSED') {
        context.connection.renew();
      } else {
        timeline.outbox.fail(clientMessageId, response.error);
        context.announce(`${context.strings().notSent} ${response.error.message}`);
      }
    } catch {
      // No answer. On the same connection that is a failure the visitor can retry; after a reconnect
      // the outbox has already resent it.
      if (connection === context.connectionNumber() && context.connection.connected) {
        timeline.outbox.fail(clientMessageId, { code: 'UPSTREAM_TIMEOUT', message: context.strings().noAck });
      }
    }
    context.render();
  }
}
