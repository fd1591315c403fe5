import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { WidgetClientEvents, WidgetServerEvents } from '../src/contracts/widget-events.js';

export type Widget = Socket<WidgetServerEvents, WidgetClientEvents>;

/** First token after 200 ms, then 60 tokens at 50/s: what the bench's simulator is told to do. */
export const SIMULATOR = { firstTokenMs: 200, tokensPerSecond: 50, replyTokens: 60 };
export const REPLY_DURATION_MS = SIMULATOR.firstTokenMs + (SIMULATOR.replyTokens / SIMULATOR.tokensPerSecond) * 1000;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
export const round = (value: number) => Math.round(value * 100) / 100;

/** ms from request to the first content token, straight from the simulator. */
export async function directFirstToken(simulatorUrl: string, question: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${simulatorUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-simulator', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'deepseek-chat',
      stream: true,
      messages: [
        { role: 'system', content: 'You are a helpful benchmark assistant.' },
        { role: 'user', content: question },
      ],
    }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let firstTokenAt: number | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (firstTokenAt !== undefined) continue;
    buffer += decoder.decode(value, { stream: true });
    if (/"content":"[^"]/.test(buffer)) firstTokenAt = performance.now();
  }
  if (firstTokenAt === undefined) throw new Error('direct stream had no content');
  return firstTokenAt - started;
}

const conversations = new WeakMap<Widget, string>();
const CONNECT_TIMEOUT_MS = 15_000;

/** The conversation a widget's session opened (the relay's sessions have none). */
export function conversationOf(socket: Widget): string | undefined {
  return conversations.get(socket);
}

export async function connectWidget(url: string, siteKey: string): Promise<Widget> {
  const socket: Widget = connect(`${url}/widget`, {
    transports: ['websocket'],
    auth: { siteKey },
    extraHeaders: { origin: 'https://bench.example' },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`no session within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    socket.once('session', (session) => {
      clearTimeout(timer);
      if (session.conversation) conversations.set(socket, session.conversation.id);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return socket;
}

/** Connects `count` widgets, `parallel` handshakes at a time. */
export async function connectWidgets(url: string, siteKey: string, count: number, parallel = 100): Promise<Widget[]> {
  const sockets: Widget[] = [];
  while (sockets.length < count) {
    const batch = Math.min(parallel, count - sockets.length);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => connectWidget(url, siteKey)))));
  }
  return sockets;
}

/** Sends one message and resolves with ms until its reply's first delta (once the reply has ended). */
export function firstDelta(socket: Widget, question: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let replyTo: string | undefined;
    let firstDeltaMs: number | undefined;
    const onDelta = (delta: { replyTo: string }) => {
      if (delta.replyTo === replyTo && firstDeltaMs === undefined) firstDeltaMs = performance.now() - started;
    };
    const onEnd = (end: { replyTo: string }) => {
      if (end.replyTo !== replyTo) return;
      socket.off('reply:delta', onDelta);
      socket.off('reply:end', onEnd);
      if (firstDeltaMs === undefined) reject(new Error('reply ended without a delta'));
      else resolve(firstDeltaMs);
    };
    socket.on('reply:delta', onDelta);
    socket.on('reply:end', onEnd);
    socket.emit('message:send', { clientMessageId: randomUUID(), text: question }, (ack) => {
      if (!ack.ok) reject(new Error(`${ack.error.code}: ${ack.error.message}`));
      else replyTo = ack.message.id;
    });
  });
}

/** Sends one message and resolves with whether it was acked ok (an ack means committed and queued). */
export function sendForAck(socket: Widget, text: string): Promise<boolean> {
  return new Promise((resolve) => socket.emit('message:send', { clientMessageId: randomUUID(), text }, (ack) => resolve(ack.ok)));
}

/**
 * `concurrency` conversations, each a closed loop (send, wait for the whole reply, send again), started
 * evenly over one reply's duration so that in steady state `concurrency` replies stream at once and
 * messages arrive spread out, as they do from real visitors. Returns the first `samples` measurements
 * and how many replies ran in all (the CPU of every one of them is in the phase's total).
 */
export async function runConversations(
  concurrency: number,
  samples: number,
  once: (conversation: number, turn: number) => Promise<number>,
): Promise<{ values: number[]; replies: number; errors: string[] }> {
  const results: number[] = [];
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, conversation) => {
      await new Promise((resolve) => setTimeout(resolve, (conversation * REPLY_DURATION_MS) / concurrency));
      for (let turn = 0; results.length + errors.length < samples; turn += 1) {
        // A failed reply is counted and reported, not measured; the conversation goes on.
        await once(conversation, turn).then(
          (value) => results.push(value),
          (error: unknown) => errors.push(error instanceof Error ? error.message : String(error)),
        );
      }
    }),
  );
  return { values: results.slice(0, samples), replies: results.length + errors.length, errors };
}
