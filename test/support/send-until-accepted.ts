import { randomUUID } from 'node:crypto';
import type { WidgetClient } from './test-app.js';

/**
 * Sends `text` until the gateway accepts it (a dependency coming back), every 50 ms for about five
 * seconds, with one client message id as the widget would; the stored message, or the last refusal's code.
 */
export async function sendUntilAccepted(socket: WidgetClient, text: string, clientMessageId: string = randomUUID()) {
  let ack = await socket.emitWithAck('message:send', { clientMessageId, text });
  for (let tries = 0; !ack.ok && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    ack = await socket.emitWithAck('message:send', { clientMessageId, text });
  }
  if (!ack.ok) throw new Error(ack.error.code);
  return ack.message;
}
