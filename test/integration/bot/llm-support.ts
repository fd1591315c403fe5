import { randomUUID } from 'node:crypto';
import type { SiteRow } from '../../../src/db/schema.js';
import type { RecordedRequest, RunningSimulator } from '../../../src/simulator/index.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import type { TestStack } from '../../support/test-app.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Connects a widget to the site, sends one message and returns what is needed to follow its reply. */
export async function ask(stack: TestStack, site: SiteRow, text: string) {
  const { socket, session } = await stack.connectWidget(site);
  const replies = new ReplyCollector(socket);
  const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text });
  if (!ack.ok) throw new Error(ack.error.message);
  return { socket, session, replies, message: ack.message, conversationId: session.conversation.id };
}

/** Requests whose messages contain `needle` (a marker id or a unique word). */
export function requestsWith(simulator: RunningSimulator, needle: string): RecordedRequest[] {
  return simulator.requests.filter((request) => JSON.stringify(request.body.messages).includes(needle));
}

export async function botRows(stack: TestStack, conversationId: string) {
  const result = await stack.database.pool.query(
    `SELECT text, flags, model, endpoint, variant, reasoning, confidence, degraded
       FROM messages WHERE conversation_id = $1 AND role = 'bot' ORDER BY seq`,
    [conversationId],
  );
  return result.rows as Array<{
    text: string;
    flags: string[];
    model: string | null;
    endpoint: string | null;
    variant: string | null;
    reasoning: string | null;
    confidence: number | null;
    degraded: boolean;
  }>;
}

export async function counterValue(
  counter: { get(): Promise<{ values: Array<{ value: number; labels: object }> }> },
  labels: object = {},
) {
  const { values } = await counter.get();
  return values
    .filter((value) => Object.entries(labels).every(([key, wanted]) => (value.labels as Record<string, unknown>)[key] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}
