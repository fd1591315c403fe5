import { conversationRoom } from '../../contracts/rooms.js';
import type { Logger } from '../../observability/logger.js';
import type { WidgetNamespace } from './widget-namespace.js';

/**
 * Aborts the bot's reply in flight when nobody is left to read it: a widget that leaves its
 * conversation starts a grace period (a page reload reconnects within it), after which the room is
 * counted across every gateway (`fetchSockets` goes through the Redis adapter) and, if empty, the same
 * cancellation as a takeover is published. No tokens are paid for an answer nobody will see.
 */
export class AbandonedReplyWatch {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly namespace: WidgetNamespace,
    private readonly cancel: (conversationId: string) => Promise<void>,
    private readonly graceMs: number,
    private readonly logger: Logger,
  ) {}

  /** A widget socket of this conversation disconnected. */
  left(conversationId: string): void {
    clearTimeout(this.timers.get(conversationId));
    const timer = setTimeout(() => void this.check(conversationId), this.graceMs);
    timer.unref();
    this.timers.set(conversationId, timer);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async check(conversationId: string): Promise<void> {
    this.timers.delete(conversationId);
    try {
      const sockets = await this.namespace.in(conversationRoom(conversationId)).fetchSockets();
      if (sockets.length > 0) return;
      await this.cancel(conversationId);
    } catch (error) {
      // A gateway that did not answer in time: keep the reply rather than cut off a visitor who is there.
      this.logger.warn({ err: error, conversationId }, 'could not count the conversation room; reply left running');
    }
  }
}
