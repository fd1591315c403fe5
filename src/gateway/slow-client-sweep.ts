import type { Server } from 'socket.io';
import type { Logger } from '../observability/logger.js';

export interface SlowClientLimits {
  /** Packets waiting in a socket's Engine.IO buffer (a polling client that stopped polling). */
  maxBufferedPackets: number;
  /** Bytes waiting in a WebSocket's send buffer (a client that stopped reading). */
  maxBufferedBytes: number;
  intervalMs?: number;
}

/**
 * Drops a client that does not read what it is sent before its buffers cost the gateway memory:
 * every room emit would otherwise pile up for it. The client is disconnected; if it is merely slow it
 * reconnects and catches up with `sync`.
 */
export class SlowClientSweep {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly io: Server,
    private readonly namespaces: readonly string[],
    private readonly limits: SlowClientLimits,
    private readonly onDropped: (details: { socketId: string; packets: number; bytes: number }) => void,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => this.sweep(), limits.intervalMs ?? 1000);
    this.timer.unref();
  }

  /** Returns how many sockets were dropped. */
  sweep(): number {
    let dropped = 0;
    for (const name of this.namespaces) {
      for (const socket of this.io.of(name).sockets.values()) {
        const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };
        const packets = conn.writeBuffer?.length ?? 0;
        const bytes = conn.transport?.socket?.bufferedAmount ?? 0;
        if (packets <= this.limits.maxBufferedPackets && bytes <= this.limits.maxBufferedBytes) continue;
        this.logger.warn({ socketId: socket.id, packets, bytes }, 'client not reading; dropped');
        this.onDropped({ socketId: socket.id, packets, bytes });
        // The transport, discarding its buffer (a plain close would wait for it to drain first).
        (socket.conn as unknown as { close(discard: boolean): void }).close(true);
        dropped += 1;
      }
    }
    return dropped;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
