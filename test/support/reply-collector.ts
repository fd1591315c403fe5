import type { ReplyDelta, ReplyEnd, ReplyReset, StoredMessage } from '../../src/contracts/payloads.js';
import type { WidgetClient } from './test-app.js';

type ReplyEvent =
  { kind: 'delta'; payload: ReplyDelta } | { kind: 'reset'; payload: ReplyReset } | { kind: 'end'; payload: ReplyEnd };

/** Records what a widget receives, in arrival order, and waits for replies to end. */
export class ReplyCollector {
  readonly events: ReplyEvent[] = [];
  readonly newMessages: StoredMessage[] = [];
  readonly modes: string[] = [];
  private wake: () => void = () => undefined;

  constructor(socket: WidgetClient) {
    socket.on('reply:delta', (payload) => this.push({ kind: 'delta', payload }));
    socket.on('reply:reset', (payload) => this.push({ kind: 'reset', payload }));
    socket.on('reply:end', (payload) => this.push({ kind: 'end', payload }));
    socket.on('message:new', (message) => {
      this.newMessages.push(message);
      this.wake();
    });
    socket.on('conversation:mode', ({ mode }) => {
      this.modes.push(mode);
      this.wake();
    });
  }

  deltas(replyTo: string): ReplyDelta[] {
    return this.events.flatMap((event) => (event.kind === 'delta' && event.payload.replyTo === replyTo ? [event.payload] : []));
  }

  resets(replyTo: string): ReplyReset[] {
    return this.events.flatMap((event) => (event.kind === 'reset' && event.payload.replyTo === replyTo ? [event.payload] : []));
  }

  /** What the widget shows for a reply: the deltas after its last reset, in index order. */
  streamedText(replyTo: string): string {
    const lastReset = this.events.findLastIndex((event) => event.kind === 'reset' && event.payload.replyTo === replyTo);
    return this.events
      .slice(lastReset + 1)
      .flatMap((event) => (event.kind === 'delta' && event.payload.replyTo === replyTo ? [event.payload] : []))
      .sort((a, b) => a.index - b.index)
      .map((delta) => delta.text)
      .join('');
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for widget events');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  async waitForEnd(replyTo: string, timeoutMs?: number): Promise<ReplyEnd> {
    const find = () => this.events.find((event) => event.kind === 'end' && event.payload.replyTo === replyTo);
    await this.waitFor(() => find() !== undefined, timeoutMs);
    return find()!.payload as ReplyEnd;
  }

  private push(event: ReplyEvent): void {
    this.events.push(event);
    this.wake();
  }
}
