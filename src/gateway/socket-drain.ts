import { setTimeout as delay } from 'node:timers/promises';
import type { Server } from 'socket.io';
import { AppError } from '../errors/app-error.js';
import { toErrorBody } from '../errors/error-mapping.js';

/**
 * A gateway's graceful drain. Counts the events whose ack is still owed (on every namespace it is
 * given); `drain()` refuses new connections, waits for those acks for up to a limit, then closes each
 * client's transport. A closed transport (unlike `socket.disconnect()`) makes socket.io clients
 * reconnect on their own, through the load balancer to another gateway, where `sync` fills the gap.
 */
export class SocketDrain {
  private inFlight = 0;
  private idle: (() => void) | undefined;
  private draining = false;

  constructor(
    private readonly io: Server,
    private readonly namespaces: readonly string[],
  ) {
    for (const name of namespaces) {
      const namespace = io.of(name);
      namespace.use((_socket, next) => {
        if (!this.draining) return next();
        const refusal = new Error('This server is restarting; reconnect.') as Error & { data?: unknown };
        refusal.data = toErrorBody(new AppError('UNAVAILABLE', 'This server is restarting; reconnect.', { retryAfterMs: 1000 }));
        next(refusal);
      });
      namespace.on('connection', (socket) => socket.use((packet, next) => next(this.track(packet))));
    }
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Acks owed right now. */
  get pending(): number {
    return this.inFlight;
  }

  /** Resolves with the acks still owed when it gave up waiting (0 when every one was sent). */
  async drain(timeoutMs: number): Promise<number> {
    this.draining = true;
    if (this.inFlight > 0) {
      const timer = new AbortController();
      await Promise.race([
        new Promise<void>((resolve) => (this.idle = resolve)),
        delay(timeoutMs, undefined, { signal: timer.signal }).catch(() => undefined),
      ]);
      timer.abort();
    }
    const unfinished = this.inFlight;
    for (const name of this.namespaces) {
      for (const socket of this.io.of(name).sockets.values()) socket.conn.close();
    }
    return unfinished;
  }

  private track(packet: unknown[]): undefined {
    const last = packet.length - 1;
    const ack = packet[last];
    if (typeof ack !== 'function') return undefined;
    this.inFlight += 1;
    let settled = false;
    packet[last] = (...args: unknown[]) => {
      if (!settled) {
        settled = true;
        this.inFlight -= 1;
        if (this.inFlight === 0) this.idle?.();
      }
      return (ack as (...values: unknown[]) => unknown)(...args);
    };
    return undefined;
  }
}
