import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../src/contracts/ack.js';
import type { SendMessageResult, SyncResult, WidgetClientEvents, WidgetServerEvents } from '../../src/contracts/widget-events.js';
import type { ErrorBody, SendMessageRequest, WidgetAuth } from '../../src/contracts/payloads.js';
import type { EmbedOptions } from './embed-options.js';

type WidgetSocket = Socket<WidgetServerEvents, WidgetClientEvents>;
type Listener<E extends keyof WidgetServerEvents> = WidgetServerEvents[E];

/** Long enough for a slow commit on a busy server; after it the message shows Retry. */
const ACK_TIMEOUT_MS = 15_000;
/** A refused handshake is not retried by socket.io itself; we retry transient refusals after this. */
const HANDSHAKE_RETRY_MS = 5_000;
/** Refusals that another attempt cannot fix: no retry, and the widget disables its composer. */
export const FINAL_REFUSALS = new Set(['UNKNOWN_SITE', 'FORBIDDEN_ORIGIN']);

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';
/** Acked events besides sending and syncing. */
export type AckedRequest = 'handoff:request' | 'contact:email' | 'feedback:send' | 'feedback:dismiss';

export interface ChatConnectionOptions {
  embed: EmbedOptions;
  /** Read on every handshake so a reconnect resumes with the newest token. */
  visitorToken: () => string | undefined;
  /** What the page said about its user (`Switchboard.setUser` / `setAttributes`), sent on every handshake. */
  claims?: () => Pick<WidgetAuth, 'user' | 'attributes'>;
  onStatus: (status: ConnectionStatus, error?: ErrorBody) => void;
}

/** The widget's socket: the typed `/widget` namespace, acks with timeouts, and handshake retries. */
export class ChatConnection {
  private readonly socket: WidgetSocket;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ChatConnectionOptions) {
    const { embed } = options;
    this.socket = io(embed.namespaceUrl, {
      path: embed.socketPath,
      // WebSocket first: no sticky sessions needed behind a load balancer; polling only if it fails.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      autoConnect: false,
      auth: (callback) => {
        const token = options.visitorToken();
        const page = { url: location.href.slice(0, 2000), language: navigator.language.slice(0, 35) };
        callback({ siteKey: embed.siteKey, ...(token ? { visitorToken: token } : {}), ...options.claims?.(), page });
      },
    });
    this.socket.on('connect', () => options.onStatus('online'));
    this.socket.on('disconnect', () => options.onStatus('offline'));
    this.socket.io.on('reconnect_attempt', () => options.onStatus('connecting'));
    this.socket.on('connect_error', (error) => this.handleRefusal(error as Error & { data?: ErrorBody }));
  }

  on<E extends keyof WidgetServerEvents>(event: E, listener: Listener<E>): void {
    // socket.io-client's typed `on` cannot narrow a generic event name; the map itself is the contract.
    (this.socket.on as (event: E, listener: Listener<E>) => void)(event, listener);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  connect(): void {
    if (this.socket.connected || this.socket.active) return;
    this.options.onStatus('connecting');
    this.socket.connect();
  }

  /** Drops the connection and opens a new one (a new handshake starts a new conversation if needed). */
  renew(): void {
    this.socket.disconnect();
    this.connect();
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.socket.disconnect();
  }

  /**
   * Rejects when offline, when no answer arrives in time, or when the connection drops first. Never
   * queued while offline: socket.io would replay its buffer on reconnect while the outbox resends too.
   */
  send(request: SendMessageRequest): Promise<Ack<SendMessageResult>> {
    return new Promise((resolve, reject) => {
      if (!this.socket.connected) return reject(new Error('offline'));
      this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emit('message:send', request, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** Fire and forget; dropped while offline (the state is sent again at the next key). */
  typing(typing: boolean): void {
    if (this.socket.connected) this.socket.emit('typing', { typing });
  }

  sync(afterSeq: number): Promise<Ack<SyncResult>> {
    return new Promise((resolve, reject) => {
      if (!this.socket.connected) return reject(new Error('offline'));
      this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emit('sync', { afterSeq }, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** `handoff:request`, `contact:email` or `feedback:send`, with the same ack rules. */
  request<E extends AckedRequest>(
    event: E,
    payload: Parameters<WidgetClientEvents[E]>[0],
  ): Promise<Parameters<Parameters<WidgetClientEvents[E]>[1]>[0]> {
    return new Promise((resolve, reject) => {
      if (!this.socket.connected) return reject(new Error('offline'));
      (this.socket.timeout(ACK_TIMEOUT_MS).emit as (...args: unknown[]) => void)(
        event,
        payload,
        (error: unknown, response: never) => (error ? reject(error) : resolve(response)),
      );
    });
  }

  private handleRefusal(error: Error & { data?: ErrorBody }): void {
    // Transport failures: socket.io keeps reconnecting on its own.
    if (this.socket.active) return this.options.onStatus('connecting');
    const refusal = error.data;
    this.options.onStatus('refused', refusal);
    if (refusal && FINAL_REFUSALS.has(refusal.code)) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), HANDSHAKE_RETRY_MS);
  }
}
