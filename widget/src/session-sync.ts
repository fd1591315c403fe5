import type { ErrorBody, SessionPayload, StoredMessage } from '../../src/contracts/payloads.js';
import { FINAL_REFUSALS, type ChatConnection, type ConnectionStatus } from './chat-connection.js';
import type { ConversationTimeline } from './conversation-timeline.js';
import type { FeedbackSender } from './feedback-sender.js';
import type { HostEvents } from './host-events.js';
import type { ConversationStatus } from './status-line.js';
import type { Strings } from './strings.js';

/** What the handshakes' outcomes read from the widget and change in it. */
export interface SessionTarget {
  connection: ChatConnection;
  status: ConversationStatus;
  feedback: FeedbackSender;
  events: HostEvents;
  /** Read at every step: `reset()` replaces the timeline. */
  timeline(): ConversationTimeline;
  strings(): Strings;
  /** The session's visitor token, demo flag and site: kept, and shown on the panel. */
  show(session: SessionPayload): void;
  note(text: string, tone: 'info' | 'error'): void;
  render(): void;
  /** After the catch-up: what the outbox has not sent on this connection. */
  flush(): void;
  /** The chat cannot work here (unknown site key, origin not allowed): nothing can be typed or sent. */
  disable(): void;
}

/**
 * What each handshake brings: a session (the conversation, the site, the visitor's feedback) and then
 * the messages missed since the last seq held; or a refusal, said once.
 */
export class SessionSync {
  /** Counts handshakes; an ack that arrives from an older connection must not mark a resent message failed. */
  connectionNumber = 0;
  /** Refused for good: a rebuilt panel is disabled again. */
  refusedFinally = false;

  constructor(private readonly target: SessionTarget) {}

  /** Acks and syncs still on their way belong to a conversation the visitor left (`reset()`). */
  abandon(): void {
    this.connectionNumber++;
  }

  async onSession(session: SessionPayload): Promise<void> {
    const { target } = this;
    const connection = ++this.connectionNumber;
    target.show(session);
    const timeline = target.timeline();
    if (timeline.switchConversation(session.conversation.id)) timeline.addNote(target.strings().newConversation);
    // Before the replies are synced and rendered, so they show the thumbs as the visitor left them.
    const unrated = target.feedback.fromSession(session.feedback);
    if (unrated) timeline.addRatingCard(unrated);
    target.status.setHours(session.site.agentHours);
    target.status.setMode(session.conversation.mode, false);
    target.render();
    await this.catchUp(connection, session.conversation.lastSeq);
    target.flush();
  }

  /** Asks for everything after the last seq held, page by page, until the handshake's lastSeq. */
  async catchUp(connection: number, lastSeqAtConnect: number): Promise<void> {
    const { target } = this;
    // History loaded with the page is not news to the page; messages missed while offline are.
    const announce = target.timeline().lastSeq > 0;
    try {
      do {
        const response = await target.connection.sync(target.timeline().lastSeq);
        if (connection !== this.connectionNumber) return;
        if (!response.ok) return target.note(response.error.message, 'error');
        for (const message of response.messages) this.store(message, announce);
        target.render();
        if (response.messages.length === 0) return;
      } while (target.timeline().lastSeq < lastSeqAtConnect);
    } catch {
      // Disconnected mid-sync: the next handshake syncs again.
    }
  }

  /** Adds a stored message; true (and the page's `message` event) when it is new. */
  store(message: StoredMessage, announce = true): boolean {
    const added = this.target.timeline().addMessage(message);
    if (added && announce) this.target.events.emit('message', message);
    return added;
  }

  onStatus(status: ConnectionStatus, error?: ErrorBody): void {
    const { target } = this;
    const previous = target.status.connectionChanged(status);
    if (status !== 'refused' || !error) return;
    if (FINAL_REFUSALS.has(error.code)) {
      if (this.refusedFinally) return;
      this.refusedFinally = true;
      target.disable();
      target.note(error.code === 'UNKNOWN_SITE' ? target.strings().unknownSite : target.strings().refused, 'error');
    } else if (previous !== 'refused') {
      // Transient refusals are retried every few seconds; say why once, not on every attempt.
      target.note(error.message, 'error');
    }
  }
}
