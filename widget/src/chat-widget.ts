import type { ErrorBody, SessionPayload, StoredMessage } from '../../src/contracts/payloads.js';
import { browserStore, panelOpenKey, visitorTokenKey } from './browser-storage.js';
import { ChatConnection, type ConnectionStatus } from './chat-connection.js';
import { ChatPanel } from './chat-panel.js';
import { ConversationTimeline, type ConversationMode } from './conversation-timeline.js';
import type { EmbedOptions } from './embed-options.js';
import { stringsFor, type Strings } from './strings.js';

/** The server's default per-site limit; the server still has the last word (TOO_LONG). */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * Wires the connection, the timeline and the panel. The socket opens on first use (or at load when the
 * panel was left open), so a page view that never chats creates no visitor or conversation.
 */
export class ChatWidget {
  private readonly strings: Strings;
  private readonly timeline = new ConversationTimeline();
  private readonly panel: ChatPanel;
  private readonly connection: ChatConnection;
  private readonly local = browserStore('local');
  private readonly session = browserStore('session');
  /** Counts handshakes; an ack that arrives from an older connection must not mark a resent message failed. */
  private connectionNumber = 0;
  private mode: ConversationMode = 'bot';
  private status: ConnectionStatus = 'connecting';
  private unread = 0;

  constructor(host: HTMLElement, private readonly embed: EmbedOptions) {
    this.strings = stringsFor(embed.lang);
    this.panel = new ChatPanel(
      host,
      { strings: this.strings, title: embed.title ?? this.strings.defaultTitle, color: embed.color, maxChars: MAX_MESSAGE_CHARS },
      {
        opened: () => {
          this.unread = 0;
          this.session.set(panelOpenKey(embed.siteKey), '1');
          this.connection.connect();
        },
        closed: () => this.session.remove(panelOpenKey(embed.siteKey)),
        send: (text) => this.send(text),
        retry: (id) => {
          this.timeline.outbox.retry(id);
          this.flushOutbox();
        },
        remove: (id) => {
          this.timeline.outbox.remove(id);
          this.render();
        },
      },
    );
    this.connection = new ChatConnection({
      embed,
      visitorToken: () => this.local.get(visitorTokenKey(embed.siteKey)),
      onStatus: (status, error) => this.onStatus(status, error),
    });
    this.listen();
    if (this.session.get(panelOpenKey(embed.siteKey))) this.panel.open(false);
  }

  private listen(): void {
    const { connection, timeline } = this;
    connection.on('session', (session) => void this.onSession(session));
    connection.on('message:new', (message) => this.onMessage(message));
    connection.on('reply:start', ({ conversationId, replyTo }) => {
      if (conversationId !== timeline.conversationId) return;
      timeline.startReply(replyTo);
      this.render();
    });
    connection.on('reply:delta', ({ conversationId, replyTo, index, text }) => {
      if (conversationId !== timeline.conversationId) return;
      timeline.addDelta(replyTo, index, text);
      this.render();
    });
    connection.on('reply:reset', ({ conversationId, replyTo }) => {
      if (conversationId !== timeline.conversationId) return;
      timeline.resetReply(replyTo);
      this.render();
    });
    connection.on('reply:end', ({ message }) => this.onMessage(message));
    connection.on('reply:error', ({ conversationId, replyTo, error }) => {
      if (conversationId !== timeline.conversationId) return;
      timeline.endReply(replyTo);
      this.note(`${this.strings.replyFailed} ${error.message}`, 'error');
    });
    connection.on('conversation:mode', ({ conversationId, mode }) => {
      if (conversationId === timeline.conversationId) this.setMode(mode, true);
    });
  }

  private async onSession(session: SessionPayload): Promise<void> {
    const connection = ++this.connectionNumber;
    this.local.set(visitorTokenKey(this.embed.siteKey), session.visitorToken);
    this.panel.setDemoMode(session.simulated);
    if (this.timeline.switchConversation(session.conversation.id)) this.timeline.addNote(this.strings.newConversation);
    this.setMode(session.conversation.mode, false);
    this.render();
    await this.catchUp(connection, session.conversation.lastSeq);
    this.flushOutbox();
  }

  /** Asks for everything after the last seq held, page by page, until the handshake's lastSeq. */
  private async catchUp(connection: number, lastSeqAtConnect: number): Promise<void> {
    try {
      do {
        const response = await this.connection.sync(this.timeline.lastSeq);
        if (connection !== this.connectionNumber) return;
        if (!response.ok) return this.note(response.error.message, 'error');
        for (const message of response.messages) this.timeline.addMessage(message);
        this.render();
        if (response.messages.length === 0) return;
      } while (this.timeline.lastSeq < lastSeqAtConnect);
    } catch {
      // Disconnected mid-sync: the next handshake syncs again.
    }
  }

  private onMessage(message: StoredMessage): void {
    if (!this.timeline.addMessage(message)) return this.render();
    if (message.role === 'bot' || message.role === 'agent') {
      this.panel.announce(`${message.role === 'agent' ? this.strings.agent : this.strings.assistant}: ${message.text}`);
      if (!this.panel.isOpen) this.panel.setUnread(++this.unread);
    }
    this.render();
  }

  private send(text: string): void {
    // The id is the message's identity for life: every resend reuses it, so the server stores it once.
    const entry = this.timeline.outbox.add(crypto.randomUUID(), text);
    this.render();
    if (this.mode === 'resolved') {
      // The server refuses messages in a resolved conversation; a new handshake opens a fresh one.
      this.connection.renew();
      return;
    }
    void this.deliver(entry.clientMessageId);
  }

  private flushOutbox(): void {
    for (const entry of this.timeline.outbox.sending()) {
      if (entry.sentOn !== this.connectionNumber) void this.deliver(entry.clientMessageId);
    }
    this.render();
  }

  private async deliver(clientMessageId: string): Promise<void> {
    const entry = this.timeline.outbox.get(clientMessageId);
    if (!entry || !this.connection.connected || this.connectionNumber === 0) return;
    const connection = this.connectionNumber;
    this.timeline.outbox.markSent(clientMessageId, connection);
    try {
      const response = await this.connection.send({ clientMessageId, text: entry.text });
      if (response.ok) {
        this.timeline.addMessage(response.message);
      } else if (response.error.code === 'CONVERSATION_CLOSED') {
        this.connection.renew();
      } else {
        this.timeline.outbox.fail(clientMessageId, response.error);
        this.panel.announce(`${this.strings.notSent} ${response.error.message}`);
      }
    } catch {
      // No answer. On the same connection that is a failure the visitor can retry; after a reconnect
      // the outbox has already resent it.
      if (connection === this.connectionNumber && this.connection.connected) {
        this.timeline.outbox.fail(clientMessageId, { code: 'UPSTREAM_TIMEOUT', message: this.strings.noAck });
      }
    }
    this.render();
  }

  private onStatus(status: ConnectionStatus, error?: ErrorBody): void {
    const previous = this.status;
    this.status = status;
    if (status === 'refused') {
      this.panel.setStatus(this.strings.refused, false);
      // Transient refusals are retried every few seconds; say why once, not on every attempt.
      if (error && previous !== 'refused') this.note(error.message, 'error');
      return;
    }
    const wasOnline = previous === 'online';
    this.updateStatus(wasOnline && status !== 'online');
  }

  private setMode(mode: ConversationMode, announce: boolean): void {
    const changed = mode !== this.mode;
    this.mode = mode;
    this.updateStatus(false);
    if (changed && announce) this.note(this.modeText(mode), 'info');
  }

  private updateStatus(lost: boolean): void {
    const online = this.status === 'online';
    const text = online ? this.modeText(this.mode) : lost || this.connectionNumber > 0 ? this.strings.reconnecting : this.strings.connecting;
    this.panel.setStatus(text, online);
  }

  private modeText(mode: ConversationMode): string {
    const { strings } = this;
    return { bot: strings.modeBot, waiting: strings.modeWaiting, human: strings.modeHuman, resolved: strings.modeResolved }[mode];
  }

  private note(text: string, tone: 'info' | 'error'): void {
    this.timeline.addNote(text, tone);
    this.panel.announce(text);
    this.render();
  }

  private render(): void {
    this.panel.render(this.timeline.items());
  }
}
