import type { ErrorBody } from '../../src/contracts/payloads.js';

/** A customer message the server has not acknowledged yet (or refused). */
export interface OutboxEntry {
  clientMessageId: string;
  text: string;
  status: 'sending' | 'failed';
  /** The connection it was last sent on; an answer from an older connection is stale. */
  sentOn: number | undefined;
  error: ErrorBody | undefined;
  /** Epoch ms before which Retry cannot succeed (`RATE_LIMITED`'s `retryAfterMs`), for the countdown. */
  retryAt: number | undefined;
}

/**
 * Messages in the order the visitor wrote them. Each keeps its client id for life, so resending after a
 * reconnect (or a Retry click) hits the server's idempotency and never stores a message twice.
 */
export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();

  add(clientMessageId: string, text: string): OutboxEntry {
    const entry: OutboxEntry = {
      clientMessageId,
      text,
      status: 'sending',
      sentOn: undefined,
      error: undefined,
      retryAt: undefined,
    };
    this.entries.set(clientMessageId, entry);
    return entry;
  }

  get(clientMessageId: string): OutboxEntry | undefined {
    return this.entries.get(clientMessageId);
  }

  /** Entries waiting to go out, oldest first. */
  sending(): OutboxEntry[] {
    return this.all().filter((entry) => entry.status === 'sending');
  }

  all(): OutboxEntry[] {
    return [...this.entries.values()];
  }

  markSent(clientMessageId: string, connection: number): void {
    const entry = this.entries.get(clientMessageId);
    if (entry) entry.sentOn = connection;
  }

  fail(clientMessageId: string, error: ErrorBody): void {
    const entry = this.entries.get(clientMessageId);
    if (!entry) return;
    entry.status = 'failed';
    entry.error = error;
    entry.retryAt = error.retryAfterMs ? Date.now() + error.retryAfterMs : undefined;
  }

  retry(clientMessageId: string): void {
    const entry = this.entries.get(clientMessageId);
    if (!entry) return;
    entry.status = 'sending';
    entry.error = undefined;
    entry.retryAt = undefined;
    entry.sentOn = undefined;
  }

  remove(clientMessageId: string | null): boolean {
    return clientMessageId !== null && this.entries.delete(clientMessageId);
  }
}
