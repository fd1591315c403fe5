import { randomUUID } from 'node:crypto';
import type { StoredMessage } from '../../../src/contracts/payloads.js';
import type { TestStack, WidgetClient } from '../../support/test-app.js';

export async function sendOk(socket: WidgetClient, text: string): Promise<StoredMessage> {
  const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text });
  if (!ack.ok) throw new Error(`send failed: ${ack.error.code} ${ack.error.message}`);
  return ack.message;
}

export async function conversationRow(stack: TestStack, conversationId: string) {
  const result = await stack.database.pool.query(
    'SELECT mode, handoff_reason, waiting_since, assigned_agent_id, handoff_brief, contact_email FROM conversations WHERE id = $1',
    [conversationId],
  );
  return result.rows[0] as {
    mode: string;
    handoff_reason: string | null;
    waiting_since: Date | null;
    assigned_agent_id: string | null;
    handoff_brief: Record<string, unknown> | null;
    contact_email: string | null;
  };
}

/** Polls until `check` holds (a positive signal, never a fixed sleep). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Collects widget events by name. */
export class WidgetEvents {
  readonly events: Array<{ event: string; payload: any }> = [];
  constructor(socket: WidgetClient) {
    socket.onAny((event: string, payload: unknown) => this.events.push({ event, payload }));
  }
  of(event: string): any[] {
    return this.events.filter((entry) => entry.event === event).map((entry) => entry.payload);
  }
  async waitFor(event: string, predicate: (payload: any) => boolean = () => true, timeoutMs = 5000): Promise<any> {
    return (await eventually(
      async () => this.events.find((entry) => entry.event === event && predicate(entry.payload)),
      (found) => found !== undefined,
      timeoutMs,
    ))!.payload;
  }
}
