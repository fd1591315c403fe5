import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import type { WidgetClientEvents, WidgetServerEvents } from '../../src/contracts/widget-events.js';
import type { StoredMessage } from '../../src/contracts/payloads.js';

type Client = Socket<WidgetServerEvents, WidgetClientEvents>;

/** What happened to one message a chaos visitor sent. */
export interface SentMessage {
  clientMessageId: string;
  firstSentAt: number;
  messageId?: string;
  ackedAt?: number;
  answeredAt?: number;
  /** Distinct bot replies this visitor was shown for it (more than one: shown twice). */
  replies: Set<string>;
}

export interface ChaosVisitorOptions {
  siteKey: string;
  origin: string;
  transport: 'websocket' | 'polling';
  /** The gateways alive right now; a reconnect picks one at random. */
  gateways: () => string[];
  /** Most messages sent; fewer if `keepSending` turns false first. */
  messages: number;
  keepSending: () => boolean;
  /** Pause before each message: between this and twice this. */
  thinkMs: number;
  /** A reply not seen for this long is looked for with `sync` (pub/sub events are lost while Redis restarts). */
  syncAfterMs: number;
}

/**
 * A visitor the way the widget behaves: one message at a time, resent with the same client message id
 * until acknowledged, reconnecting (to any live gateway) with its visitor token, and catching up with
 * `sync` from its last seq after each reconnect.
 */
export class ChaosVisitor {
  readonly sent: SentMessage[] = [];
  private socket: Client | undefined;
  private visitorToken: string | undefined;
  private lastSeq = 0;
  private stopped = false;

  constructor(private readonly options: ChaosVisitorOptions) {}

  async run(deadline: number): Promise<void> {
    this.connect();
    for (let index = 0; index < this.options.messages && this.options.keepSending() && Date.now() < deadline; index++) {
      await pause(this.options.thinkMs * (1 + Math.random()));
      const message: SentMessage = { clientMessageId: randomUUID(), firstSentAt: Date.now(), replies: new Set() };
      this.sent.push(message);
      await this.sendUntilAcked(message, `chaos question ${index} ${message.clientMessageId.slice(0, 8)}`, deadline);
      await this.waitForAnswer(message, deadline);
    }
  }

  close(): void {
    this.stopped = true;
    this.socket?.disconnect();
  }

  private connect(): void {
    if (this.stopped) return;
    const gateways = this.options.gateways();
    const url = gateways[Math.floor(Math.random() * gateways.length)]!;
    const socket: Client = connect(`${url}/widget`, {
      transports: [this.options.transport],
      auth: { siteKey: this.options.siteKey, ...(this.visitorToken ? { visitorToken: this.visitorToken } : {}) },
      extraHeaders: { origin: this.options.origin },
      reconnection: false,
      forceNew: true,
      timeout: 3000,
    });
    this.socket = socket;
    socket.on('session', (session) => {
      this.visitorToken = session.visitorToken;
      void this.sync();
    });
    socket.on('reply:end', ({ replyTo, message }) => this.seen(replyTo, message));
    socket.on('message:new', (message) => {
      if (message.inReplyTo) this.seen(message.inReplyTo, message);
    });
    const again = () => {
      socket.removeAllListeners();
      socket.disconnect();
      if (this.socket === socket) setTimeout(() => this.connect(), 200 + Math.random() * 300);
    };
    socket.on('disconnect', again);
    socket.on('connect_error', again);
  }

  private async sync(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    try {
      const answer = await socket.timeout(3000).emitWithAck('sync', { afterSeq: this.lastSeq });
      if (!answer.ok) return;
      for (const message of answer.messages) {
        this.lastSeq = Math.max(this.lastSeq, message.seq);
        if (message.inReplyTo) this.seen(message.inReplyTo, message);
      }
    } catch {
      // Gone meanwhile: the next connection syncs.
    }
  }

  private seen(replyTo: string, reply: StoredMessage): void {
    this.lastSeq = Math.max(this.lastSeq, reply.seq);
    const message = this.sent.find((candidate) => candidate.messageId === replyTo);
    if (!message || reply.role !== 'bot') return;
    message.replies.add(reply.id);
    message.answeredAt ??= Date.now();
  }

  private async sendUntilAcked(message: SentMessage, text: string, deadline: number): Promise<void> {
    while (!message.ackedAt && Date.now() < deadline) {
      const socket = this.socket;
      if (socket?.connected) {
        try {
          const ack = await socket.timeout(3000).emitWithAck('message:send', { clientMessageId: message.clientMessageId, text });
          if (ack.ok) {
            message.messageId = ack.message.id;
            message.ackedAt = Date.now();
            this.lastSeq = Math.max(this.lastSeq, ack.message.seq);
            return;
          }
          await pause(Math.min(ack.error.retryAfterMs ?? 300, 2000));
          continue;
        } catch {
          // No ack in time: the same client message id again (idempotent).
        }
      }
      await pause(100);
    }
  }

  private async waitForAnswer(message: SentMessage, deadline: number): Promise<void> {
    let lastSync = Date.now();
    while (!message.answeredAt && Date.now() < deadline) {
      await pause(50);
      if (Date.now() - lastSync > this.options.syncAfterMs) {
        lastSync = Date.now();
        await this.sync();
      }
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
