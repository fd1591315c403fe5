import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/app-error.js';
import { DeepSeekHttpClient, type UpstreamEvent } from '../../../src/llm/deepseek-http-client.js';
import { chunk, finalChunk, startLocalUpstream, type LocalUpstream } from './local-upstream.js';

const timeouts = { firstTokenMs: 2000, idleMs: 1000 };
const request = { model: 'deepseek-chat', messages: [{ role: 'user' as const, content: 'hi' }] };
let upstream: LocalUpstream | undefined;

afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function collect(iterable: AsyncIterable<UpstreamEvent>): Promise<UpstreamEvent[]> {
  const events: UpstreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('DeepSeekHttpClient.stream', () => {
  it('sends the bearer key and yields keep-alive, reasoning, content and one finish with usage', async () => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': keep-alive\n\n');
      res.write(chunk({ reasoning_content: 'think' }));
      res.write(
        chunk(
          { content: 'Hel' },
          { choices: [{ index: 0, delta: { content: 'Hel' }, logprobs: { content: [{ token: 'Hel', logprob: -0.1 }] } }] },
        ),
      );
      res.write(chunk({ content: 'lo' }));
      res.end(finalChunk());
    });
    const client = new DeepSeekHttpClient();
    const events = await collect(client.stream({ name: 'a', baseUrl: upstream.url, apiKey: 'sk-1' }, request, { timeouts }));
    expect(upstream.requests[0]!.headers.authorization).toBe('Bearer sk-1');
    expect(upstream.requests[0]!.body).toMatchObject({ model: 'deepseek-chat', stream: true, messages: request.messages });
    expect(events).toEqual([
      { type: 'keep-alive' },
      { type: 'reasoning', text: 'think' },
      { type: 'content', text: 'Hel', logprobs: [-0.1] },
      { type: 'content', text: 'lo' },
      {
        type: 'finish',
        finishReason: 'stop',
        model: 'deepseek-chat',
        usage: { promptTokens: 5, completionTokens: 2, totalTokens: 7, promptCacheHitTokens: 1, promptCacheMissTokens: 4 },
      },
    ]);
  });

  it.each([
    [401, 'UPSTREAM_AUTH'],
    [402, 'UPSTREAM_BALANCE'],
    [400, 'UPSTREAM_REJECTED'],
    [422, 'UPSTREAM_REJECTED'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
  ])('maps HTTP %i to %s', async (status, code) => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `boom ${status}`, type: 'x', param: null, code: 'c' } }));
    });
    const error = await failure(
      collect(new DeepSeekHttpClient().stream({ name: 'a', baseUrl: upstream.url, apiKey: 'k' }, request, { timeouts })),
    );
    expect(error.code).toBe(code);
    expect(error.details.status).toBe(status);
    expect(error.message).toContain(`boom ${status}`);
  });

  it('maps 429 with Retry-After to a retryable error carrying retryAfterMs', async () => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(429, { 'retry-after': '3' });
      res.end(JSON.stringify({ error: { message: 'slow down' } }));
    });
    const error = await failure(
      collect(new DeepSeekHttpClient().stream({ name: 'a', baseUrl: upstream.url, apiKey: 'k' }, request, { timeouts })),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { status: 429, retryAfterMs: 3000 } });
  });

  it('treats a stream that ends without [DONE] or finish_reason as broken', async () => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk({ content: 'partial' }));
    });
    const error = await failure(
      collect(new DeepSeekHttpClient().stream({ name: 'a', baseUrl: upstream.url, apiKey: 'k' }, request, { timeouts })),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'broken-stream' } });
  });

  it('maps a refused connection to UPSTREAM_UNAVAILABLE', async () => {
    const error = await failure(
      collect(new DeepSeekHttpClient().stream({ name: 'a', baseUrl: 'http://127.0.0.1:1', apiKey: 'k' }, request, { timeouts })),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'connection' } });
  });

  it('times out an idle stream and closes the connection', async () => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'a' }));
    });
    const error = await failure(
      collect(
        new DeepSeekHttpClient().stream({ name: 'a', baseUrl: upstream.url, apiKey: 'k' }, request, {
          timeouts: { firstTokenMs: 2000, idleMs: 200 },
        }),
      ),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', details: { reason: 'idle-timeout' } });
    await expect.poll(() => upstream!.closedConnections()).toBe(1);
  });

  it('rejects with the abort reason and closes the connection when the caller aborts', async () => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'a' }));
    });
    const controller = new AbortController();
    const events: UpstreamEvent[] = [];
    const run = (async () => {
      for await (const event of new DeepSeekHttpClient().stream({ name: 'a', baseUrl: upstream!.url, apiKey: 'k' }, request, {
        timeouts,
        signal: controller.signal,
      })) {
        events.push(event);
        controller.abort(new Error('taken over'));
      }
    })();
    await expect(run).rejects.toThrow('taken over');
    await expect.poll(() => upstream!.closedConnections()).toBe(1);
  });
});

describe('DeepSeekHttpClient.complete', () => {
  it('skips leading blank keep-alive lines and parses the body', async () => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('\n\n');
      setTimeout(() => {
        res.end(
          JSON.stringify({
            model: 'deepseek-chat',
            choices: [
              { index: 0, message: { role: 'assistant', content: '{"ok":true}', reasoning_content: 'r' }, finish_reason: 'stop' },
            ],
            usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
          }),
        );
      }, 50);
    });
    const result = await new DeepSeekHttpClient().complete({ name: 'a', baseUrl: upstream.url, apiKey: 'k' }, request, {
      timeouts,
    });
    expect(result).toMatchObject({ content: '{"ok":true}', reasoning: 'r', finishReason: 'stop', endpoint: 'a' });
    expect(result.usage).toEqual({
      promptTokens: 3,
      completionTokens: 4,
      totalTokens: 7,
      promptCacheHitTokens: 0,
      promptCacheMissTokens: 3,
    });
    expect(upstream.requests[0]!.body.stream).toBe(false);
  });

  it('treats a body of blank lines only as a retryable failure', async () => {
    upstream = await startLocalUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('\n\n\n');
    });
    const error = await failure(
      new DeepSeekHttpClient().complete({ name: 'a', baseUrl: upstream.url, apiKey: 'k' }, request, { timeouts }),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'blank-body' } });
  });
});
