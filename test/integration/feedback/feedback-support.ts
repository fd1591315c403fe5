import { randomUUID } from 'node:crypto';
import type { Ack } from '../../../src/contracts/ack.js';
import type { SendFeedbackRequest, SendFeedbackResult } from '../../../src/contracts/feedback.js';
import type { StoredMessage } from '../../../src/contracts/payloads.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import type { TestStack, WidgetClient } from '../../support/test-app.js';

/** Sends `feedback:send` and returns the ack as the server gave it. */
export function sendFeedback(socket: WidgetClient, payload: unknown): Promise<Ack<SendFeedbackResult>> {
  return (socket.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<Ack<SendFeedbackResult>>)(
    'feedback:send',
    payload as SendFeedbackRequest,
  );
}

/** A widget of its own (a new visitor) that asked one question and got the bot's stored reply. */
export async function visitorWithReply(
  stack: TestStack,
  site: { widgetKey: string },
  question = 'Where is my parcel?',
): Promise<{
  socket: WidgetClient;
  conversationId: string;
  visitorId: string;
  visitorToken: string;
  question: StoredMessage;
  reply: StoredMessage;
}> {
  const { socket, session } = await stack.connectWidget(site);
  const collector = new ReplyCollector(socket);
  const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: question });
  if (!ack.ok) throw new Error(`message:send refused: ${ack.error.code}`);
  const { message: reply } = await collector.waitForEnd(ack.message.id);
  return {
    socket,
    conversationId: session.conversation.id,
    visitorId: session.visitorId,
    visitorToken: session.visitorToken,
    question: ack.message,
    reply,
  };
}
