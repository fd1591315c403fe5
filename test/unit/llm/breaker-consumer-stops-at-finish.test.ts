import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/llm/llm-observability.js';
import { ResilientChatClient } from '../../../src/llm/resilient-chat-client.js';

const request = { model: 'deepseek-chat', messages: [{ role: 'user' as const, content: 'hi' }] };
const answer =
  `data: ${JSON.stringify({ model: 'deepseek-chat', choices: [{ index: 0, delta: { content: 'Hello' } }] })}\n\n` +
  `data: ${JSON.stringify({ model: 'deepseek-chat', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
const ok = () => new Response(answer, { status: 200, headers: { 'content-type': 'text/event-stream' } });
const busy = () => new Response('{"error":{"message":"busy"}}', { status: 500 });

/** Reads up to and including `finish`, then stops, as the reply worker does. */
async function readUntilFinish(client: ResilientChatClient): Promise<void> {
  for await (const event of client.stream(request)) if (event.type === 'finish') return;
}

describe('breaker bookkeeping when the consumer stops at finish', () => {
  it('counts a finished answer as a success, so failures of separate calls do not add up to an open breaker', async () => {
    // Each call: one 500 (a failure), then a good answer. Without the success being recorded, the third
    // call's failure would be the third in a row and open a threshold-3 breaker.
    const script = [busy, ok, busy, ok, busy, ok, busy, ok];
    let n = 0;
    const client = new ResilientChatClient({
      endpoints: [{ name: 'a', baseUrl: 'http://a.test', apiKey: 'ka' }],
      retry: { jitter: 'none', baseDelayMs: 1 },
      breaker: { failureThreshold: 3 },
      logger: silentLogger,
      fetch: (async () => script[n++]!()) as typeof fetch,
    });
    for (let call = 0; call < 4; call++) await readUntilFinish(client);
    expect(n).toBe(8);
    expect(client.breakerStates()).toEqual({ a: 'closed' });
  });

  it('counts a non-streamed result as a success too', async () => {
    const body = JSON.stringify({
      model: 'deepseek-chat',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
    });
    const script = [
      busy,
      () => new Response(body, { status: 200 }),
      busy,
      () => new Response(body, { status: 200 }),
      busy,
      () => new Response(body, { status: 200 }),
    ];
    let n = 0;
    const client = new ResilientChatClient({
      endpoints: [{ name: 'a', baseUrl: 'http://a.test', apiKey: 'ka' }],
      retry: { jitter: 'none', baseDelayMs: 1 },
      breaker: { failureThreshold: 2 },
      logger: silentLogger,
      fetch: (async () => script[n++]!()) as typeof fetch,
    });
    for (let call = 0; call < 3; call++) expect((await client.complete(request)).content).toBe('Hi');
    expect(client.breakerStates()).toEqual({ a: 'closed' });
  });
});
