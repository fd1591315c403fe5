import type { ModeChange, StoredMessage, WidgetSite } from '../../src/contracts/payloads.js';
import type { WidgetClientEvents } from '../../src/contracts/widget-events.js';
import { browserStore, panelOpenKey, visitorTokenKey } from './browser-storage.js';
import { ChatConnection, type AckedRequest } from './chat-connection.js';
import { ChatPanel } from './chat-panel.js';
import { listenToConversation } from './conversation-events.js';
import { ConversationTimeline } from './conversation-timeline.js';
import type { EmbedOptions } from './embed-options.js';
import { FeedbackSender } from './feedback-sender.js';
import type { HostEvents } from './host-events.js';
import { IdentityQueue } from './identity-queue.js';
import { MAX_MESSAGE_CHARS } from './message-composer.js';
import { OutboxDelivery } from './outbox-delivery.js';
import { SessionSync } from './session-sync.js';
import { ConversationStatus } from './status-line.js';
import { stringsFor, timeLocale, type Language, type Strings } from './strings.js';
import { TypingSignal } from './typing-signal.js';

/**
 * Holds the widget's state and carries out the page's API calls; the server's events reach it through
 * `listenToConversation`. The socket opens on first use (or at load when the panel was left open), so
 * a page view that never chats creates no visitor or conversation.
 */
export class ChatWidget {
  readonly identity = new IdentityQueue();
  private strings: Strings;
  private language: Language;
  private timeline = new ConversationTimeline();
  private panel: ChatPanel;
  private readonly connection: ChatConnection;
  private readonly local = browserStore('local');
  private readonly session = browserStore('session');
  private unread = 0;
  private simulated = false;
  /** True while the panel is rebuilt for a language change: its open() is not the visitor opening it. */
  private rebuilding = false;
  private readonly status = new ConversationStatus({
    strings: () => this.strings,
    connectionNumber: () => this.sync.connectionNumber,
    setStatus: (text, online) => this.panel.setStatus(text, online),
    setHandoffAvailable: (available) => this.panel.setHandoffAvailable(available),
    clearAgentTyping: () => this.panel.setAgentTyping(''),
    note: (text) => this.note(text, 'info'),
    locale: () => timeLocale(this.language),
  });
  /** The site's greeting, questions and hours, from the latest session. */
  private site: WidgetSite | undefined;
  private readonly feedback = new FeedbackSender(
    (request) => this.ask('feedback:send', request),
    () => this.timeline.conversationId,
    (conversationId) => void this.ask('feedback:dismiss', { conversationId }),
  );
  private readonly outbox: OutboxDelivery;
  private readonly typing: TypingSignal;
  private readonly sync: SessionSync;

  constructor(
    private readonly shadow: ShadowRoot,
    private readonly embed: EmbedOptions,
    private readonly events: HostEvents,
  ) {
    this.language = embed.lang;
    this.strings = stringsFor(embed.lang);
    this.panel = this.createPanel();
    this.connection = new ChatConnection({
      embed,
      visitorToken: () => this.local.get(visitorTokenKey(embed.siteKey)),
      claims: () => this.identity.claims(),
      onStatus: (status, error) => {
        if (status !== 'online') this.typing.forget();
        this.sync.onStatus(status, error);
      },
    });
    this.typing = new TypingSignal((typing) => this.connection.typing(typing));
    // What the widget's parts read at every step (`reset()` replaces the timeline) and show through.
    const view = {
      timeline: () => this.timeline,
      strings: () => this.strings,
      render: () => this.render(),
      note: (text: string, tone: 'info' | 'error') => this.note(text, tone),
    };
    this.sync = new SessionSync({
      ...view,
      connection: this.connection,
      status: this.status,
      feedback: this.feedback,
      events,
      show: (session) => {
        this.local.set(visitorTokenKey(embed.siteKey), session.visitorToken);
        this.simulated = session.simulated;
        this.panel.setDemoMode(session.simulated);
        this.site = session.site;
        this.showWelcome();
      },
      flush: () => this.outbox.flush(),
      disable: () => this.panel.disable(),
    });
    this.outbox = new OutboxDelivery({
      connection: this.connection,
      ...view,
      connectionNumber: () => this.sync.connectionNumber,
      mode: () => this.status.mode,
      stored: (message) => this.sync.store(message),
      announce: (text) => this.panel.announce(text),
    });
    listenToConversation(this.connection, {
      ...view,
      session: (session) => void this.sync.onSession(session),
      message: (message) => this.onMessage(message),
      queued: (text) => this.status.queued(text),
      unavailable: (event) => {
        this.note(this.status.unavailable(event), 'info');
        this.panel.askEmail(true);
      },
      agentTyping: (text) => this.panel.setAgentTyping(text),
      modeChanged: (change) => this.onModeChange(change),
    });
    // The gateway's bus reconnected: room events may be lost though this socket stayed up.
    this.connection.on('resync', () => void this.sync.catchUp(this.sync.connectionNumber, Infinity));
    if (this.session.get(panelOpenKey(embed.siteKey))) this.panel.open(false);
  }

  get isOpen(): boolean {
    return this.panel.isOpen;
  }

  open(): void {
    this.panel.open();
  }

  close(): void {
    this.panel.close();
  }

  /** Rebuilds the panel in another language; the conversation, connection and open state stay. */
  setLocale(language: Language): void {
    if (language === this.language) return;
    this.language = language;
    this.strings = stringsFor(language);
    const wasOpen = this.panel.isOpen;
    this.panel.destroy();
    this.panel = this.createPanel();
    this.rebuilding = true;
    if (wasOpen) this.panel.open(false);
    this.rebuilding = false;
    this.panel.setDemoMode(this.simulated);
    this.panel.setUnread(this.unread);
    if (this.sync.refusedFinally) this.panel.disable();
    this.status.update();
    this.render();
  }

  /** The page changed its user or attributes: a live connection hands them over with a new handshake. */
  identityChanged(): void {
    if (this.connection.connected) this.connection.renew();
  }

  /** Sign-out: forgets the visitor token and the page's user; the next connection is a new visitor. */
  reset(): void {
    this.local.remove(visitorTokenKey(this.embed.siteKey));
    this.identity.clear();
    // Acks of the old connection must not touch the new timeline.
    this.sync.abandon();
    this.timeline = new ConversationTimeline();
    this.status.setMode('bot', false, undefined);
    this.unread = 0;
    this.panel.setUnread(0);
    this.connection.close();
    if (this.panel.isOpen) this.connection.connect();
    this.render();
  }

  private createPanel(): ChatPanel {
    const { embed, strings } = this;
    const panel = new ChatPanel(
      this.shadow,
      {
        strings,
        title: embed.title ?? strings.defaultTitle,
        color: embed.color,
        maxChars: MAX_MESSAGE_CHARS,
        position: embed.position,
        hideLauncher: embed.hideLauncher,
        locale: timeLocale(this.language),
        thumbOf: (messageId) => this.feedback.thumbOf(messageId),
      },
      {
        opened: () => {
          this.unread = 0;
          this.session.set(panelOpenKey(embed.siteKey), '1');
          this.connection.connect();
          if (!this.rebuilding) this.events.emit('open');
        },
        closed: () => {
          this.session.remove(panelOpenKey(embed.siteKey));
          this.events.emit('close');
        },
        send: (text) => {
          this.typing.stop();
          this.outbox.send(text);
        },
        typing: (hasText) => this.typing.input(hasText),
        ask: (question) => this.outbox.send(question),
        handoff: () => void this.ask('handoff:request', {}),
        email: (email) =>
          void this.ask('contact:email', { email }).then((ok) => {
            if (!ok) return;
            this.panel.askEmail(false);
            this.note(this.strings.emailSaved, 'info');
          }),
        retry: (id) => {
          this.timeline.outbox.retry(id);
          this.outbox.flush();
        },
        remove: (id) => {
          this.timeline.outbox.remove(id);
          this.render();
        },
        edit: (id) => {
          const entry = this.timeline.outbox.get(id);
          if (!entry) return;
          this.timeline.outbox.remove(id);
          this.render();
          this.panel.edit(entry.text);
        },
        rateReply: (messageId, value) => this.feedback.thumb(messageId, value),
        rateConversation: (conversationId, rating, comment) => this.feedback.rate(conversationId, rating, comment),
        dismissRating: (conversationId) => {
          this.feedback.dismiss(conversationId);
          this.timeline.removeRatingCard(conversationId);
          this.render();
        },
      },
    );
    this.showWelcome(panel);
    return panel;
  }

  /** `SwitchboardSettings.greeting` wins over the site's, which wins over the default. */
  private showWelcome(panel: ChatPanel = this.panel): void {
    const { site } = this;
    panel.showWelcome({
      greeting: this.embed.greeting ?? site?.greeting ?? this.strings.greeting,
      suggestions: site?.suggestedQuestions ?? [],
      hours: site?.agentHours ?? null,
    });
  }

  private onMessage(message: StoredMessage): void {
    if (!this.sync.store(message)) return this.render();
    if (message.role === 'agent') this.panel.setAgentTyping('');
    if (message.role === 'bot' || message.role === 'agent') {
      this.panel.announce(`${message.role === 'agent' ? this.strings.agent : this.strings.assistant}: ${message.text}`);
      if (!this.panel.isOpen) this.panel.setUnread(++this.unread);
    }
    this.render();
  }

  private onModeChange(change: ModeChange): void {
    const changed = change.mode !== this.status.mode;
    this.status.setMode(change.mode, true, change.assignedAgent?.name);
    if (changed && (change.mode === 'waiting' || change.mode === 'human')) this.events.emit('handoff', change);
    if (changed && change.mode === 'resolved') {
      this.timeline.addRatingCard();
      this.render();
    }
  }

  /** Sends an acked event; a refusal is shown. True when it went through. */
  private async ask<E extends AckedRequest>(event: E, payload: Parameters<WidgetClientEvents[E]>[0]): Promise<boolean> {
    try {
      const response = await this.connection.request(event, payload);
      if (!response.ok) this.note(response.error.message, 'error');
      return response.ok;
    } catch {
      this.note(this.strings.noAck, 'error');
      return false;
    }
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
