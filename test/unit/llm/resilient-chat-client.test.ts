import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/errors/app-error.js';
import type { LlmLogger, LlmMetrics } from '../../../src/llm/llm-observability.js';
import type { LlmStreamEvent } from '../../../src/llm/llm-types.js';
import { ResilientChatClient } from '../../../src/llm/resilient-chat-client.js';
import type { ResilientChatClientOptions } from '../../../src/llm/resilient-client-options.js';
import { FakeClock } from './fake-clock.js';

const request = { model: 'deepseek-chat', messages: [{ role: 'user' as const, content: 'hi' }] };
const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

function sse(...texts: string[]): string {
  return texts
    .map((text) => `data: ${JSON.stringify({ model: 'deepseek-chat', choices: [{ index: 0, delta: { content: text } }] })}\n\n`)
    .join('');
}
const done = `data: ${JSON.stringify({ model: 'deepseek-chat', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage })}\n\ndata: [DONE]\n\n`;
const ok = (body: string): Response => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
const status = (code: number, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify({ error: { message: `status ${code}`, type: 't', param: null, code: null } }), {
    status: code,
    headers,
  });

/** A fetch that answers the n-th request with the n-th responder and records which host was asked. */
function scriptedFetch(...responders: Array<() => Response>): { fetch: typeof fetch; hosts: string[] } {
  const hosts: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    hosts.push(new URL(String(input)).host);
    const responder = responders[hosts.length - 1];
    if (!responder) throw new Error(`unexpected request #${hosts.length}`);
    return responder();
  }) as typeof fetch;
  return { fetch: fetchImpl, hosts };
}

function recorders(): { logger: LlmLogger & { errors: string[] }; metrics: LlmMetrics & { calls: string[] } } {
  const errors: string[] = [];
  const calls: string[] = [];
  return {
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (_o, message) => errors.push(message ?? ''),
      errors,
    },
    metrics: {
      upstreamError: (code, endpoint) => calls.push(`error:${code}:${endpoint}`),
      retry: (endpoint) => calls.push(`retry:${endpoint}`),
      failover: (from, to) => calls.push(`failover:${from}->${to}`),
      calls,
    },
  };
}

function client(fetchImpl: typeof fetch, clock: FakeClock | undefined, extra: Partial<ResilientChatClientOptions> = {}) {
  const { logger, metrics } = recorders();
  const subject = new ResilientChatClient({
    endpoints: [
      { name: 'a', baseUrl: 'http://a.test', apiKey: 'ka' },
      { name: 'b', baseUrl: 'http://b.test', apiKey: 'kb' },
    ],
    retry: { jitter: 'none' },
    ...(clock ? { clock } : {}),
    logger,
    metrics,
    fetch: fetchImpl,
    ...extra,
  });
  return { subject, logger, metrics };
}

async function collect(iterable: AsyncIterable<LlmStreamEvent>): Promise<LlmStreamEvent[]> {
  const events: LlmStreamEvent[] = [];
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

const oneEndpoint = { endpoints: [{ name: 'a', baseUrl: 'http://a.test', apiKey: 'ka' }] };

afterEach(() => vi.useRealTimers());

describe('ResilientChatClient', () => {
  it('retries 429/500 with 1 s, 2 s backoff on the same endpoint, then streams', async () => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(
      () => status(429),
      () => status(500),
      () => ok(sse('Hi') + done),
    );
    const { subject, metrics } = client(fetch, clock, { failover: { afterConsecutiveFailures: 5 } });
    const events = await collect(subject.stream(request));
    expect(hosts).toEqual(['a.test', 'a.test', 'a.test']);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(events.map((event) => event.type)).toEqual(['content', 'finish']);
    expect(events[1]).toMatchObject({ endpoint: 'a', finishReason: 'stop', usage: { totalTokens: 5 } });
    expect(metrics.calls).toEqual(['error:UPSTREAM_UNAVAILABLE:a', 'retry:a', 'error:UPSTREAM_UNAVAILABLE:a', 'retry:a']);
  });

  it('honours Retry-After', async () => {
    const clock = new FakeClock();
    const { fetch } = scriptedFetch(
      () => status(429, { 'retry-after': '7' }),
      () => ok(sse('Hi') + done),
    );
    await collect(client(fetch, clock, oneEndpoint).subject.stream(request));
    expect(clock.sleeps).toEqual([7000]);
  });

  it('stops within the budget and throws the last retryable error', async () => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(...Array.from({ length: 10 }, () => () => status(500)));
    const { subject } = client(fetch, clock, { ...oneEndpoint, retry: { jitter: 'none', budgetMs: 10_000, maxAttempts: 10 } });
    const error = await failure(collect(subject.stream(request)));
    // 1 + 2 + 4 = 7 s spent; the next 8 s wait would end past 10 s.
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(hosts).toHaveLength(4);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { status: 500, attempts: 4 } });
  });

  it.each([
    [401, 'UPSTREAM_AUTH', 'DeepSeek rejected the API key — set DEEPSEEK_API_KEY'],
    [402, 'UPSTREAM_BALANCE', 'DeepSeek balance exhausted — top up the account'],
  ])('never retries %i: logs loudly, counts it, throws %s', async (code, errorCode, operatorMessage) => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(() => status(code));
    const { subject, logger, metrics } = client(fetch, clock, oneEndpoint);
    const error = await failure(collect(subject.stream(request)));
    expect(error.code).toBe(errorCode);
    expect(hosts).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(logger.errors).toEqual([operatorMessage]);
    expect(metrics.calls).toEqual([`error:${errorCode}:a`]);
  });

  it('fails over on 401 to an endpoint that may hold another account, without retrying the first', async () => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(
      () => status(401),
      () => ok(sse('Hi') + done),
    );
    const events = await collect(client(fetch, clock).subject.stream(request));
    expect(hosts).toEqual(['a.test', 'b.test']);
    expect(events.at(-1)).toMatchObject({ type: 'finish', endpoint: 'b' });
  });

  it.each([400, 422])('never retries or fails over on %i', async (code) => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(() => status(code));
    const error = await failure(collect(client(fetch, clock).subject.stream(request)));
    expect(error.code).toBe('UPSTREAM_REJECTED');
    expect(hosts).toEqual(['a.test']);
  });

  it('fails over on 503 to the next endpoint at once', async () => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(
      () => status(503),
      () => ok(sse('Hi') + done),
    );
    const { subject, metrics } = client(fetch, clock);
    const events = await collect(subject.stream(request));
    expect(hosts).toEqual(['a.test', 'b.test']);
    expect(clock.sleeps).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', endpoint: 'b' });
    expect(metrics.calls).toContain('failover:a->b');
  });

  it('fails over after repeated failures, then backs off before going round again', async () => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(
      () => status(500),
      () => status(500),
      () => status(500),
      () => ok(sse('Hi') + done),
    );
    await collect(client(fetch, clock).subject.stream(request));
    expect(hosts).toEqual(['a.test', 'a.test', 'b.test', 'b.test']);
    expect(clock.sleeps).toEqual([1000, 4000]);
  });

  it('restarts after a stream breaks mid-answer and ends with exactly one finish', async () => {
    const clock = new FakeClock();
    const { fetch } = scriptedFetch(
      () => ok(sse('Hel')),
      () => ok(sse('Hel', 'lo') + done),
    );
    const events = await collect(client(fetch, clock, oneEndpoint).subject.stream(request));
    expect(events.map((event) => (event.type === 'content' ? event.text : event.type))).toEqual([
      'Hel',
      'restart',
      'Hel',
      'lo',
      'finish',
    ]);
    expect(events[1]).toEqual({ type: 'restart', reason: 'broken-stream' });
  });

  it('skips an endpoint whose breaker is open and probes it after the cool-down', async () => {
    const clock = new FakeClock();
    const responders = [() => status(500), ...Array.from({ length: 3 }, () => () => ok(sse('Hi') + done))];
    const { fetch, hosts } = scriptedFetch(...responders);
    const { subject } = client(fetch, clock, { breaker: { failureThreshold: 1, cooldownMs: 30_000 } });
    await collect(subject.stream(request));
    expect(subject.breakerStates()).toEqual({ a: 'open', b: 'closed' });
    await collect(subject.stream(request));
    clock.advance(30_000);
    await collect(subject.stream(request));
    expect(hosts).toEqual(['a.test', 'b.test', 'b.test', 'a.test']);
    expect(subject.breakerStates()).toEqual({ a: 'closed', b: 'closed' });
  });

  it('throws UPSTREAM_UNAVAILABLE at once when every breaker is open', async () => {
    const clock = new FakeClock();
    const { fetch } = scriptedFetch(() => status(500));
    const { subject } = client(fetch, clock, { ...oneEndpoint, breaker: { failureThreshold: 1 }, retry: { maxAttempts: 1 } });
    await failure(collect(subject.stream(request)));
    const error = await failure(collect(subject.stream(request)));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('frees a half-open probe slot when the consumer stops reading early', async () => {
    const clock = new FakeClock();
    const { fetch, hosts } = scriptedFetch(
      () => status(500),
      () => ok(sse('Hi', 'there') + done),
      () => ok(sse('Hi') + done),
    );
    const { subject } = client(fetch, clock, {
      ...oneEndpoint,
      breaker: { failureThreshold: 1, cooldownMs: 1000 },
      retry: { maxAttempts: 1 },
    });
    await failure(collect(subject.stream(request)));
    clock.advance(1000);
    for await (const event of subject.stream(request)) if (event.type === 'content') break;
    expect(subject.breakerStates()).toEqual({ a: 'half-open' });
    await collect(subject.stream(request));
    expect(hosts).toHaveLength(3);
    expect(subject.breakerStates()).toEqual({ a: 'closed' });
  });

  it('complete() retries a blank body', async () => {
    const clock = new FakeClock();
    const body = JSON.stringify({
      model: 'deepseek-chat',
      choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }],
      usage,
    });
    const { fetch } = scriptedFetch(
      () => new Response('\n\n'),
      () => new Response(`\n${body}`),
    );
    const result = await client(fetch, clock, oneEndpoint).subject.complete(request);
    expect(result).toMatchObject({ content: 'ok', endpoint: 'a' });
    expect(clock.sleeps).toEqual([1000]);
  });

  it('works with vi.useFakeTimers and the default clock', async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch(
      () => status(429),
      () => status(429),
      () => ok(sse('Hi') + done),
    );
    const { subject } = client(fetch, undefined, oneEndpoint);
    const run = collect(subject.stream(request));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect((await run).at(-1)).toMatchObject({ type: 'finish' });
  });

  it('validates options in the constructor', () => {
    expect(() => new ResilientChatClient({ endpoints: [] })).toThrow();
    expect(() => new ResilientChatClient({ endpoints: [{ name: 'a', baseUrl: 'not a url', apiKey: 'k' }] })).toThrow();
    const twice = { name: 'a', baseUrl: 'http://a.test', apiKey: 'k' };
    expect(() => new ResilientChatClient({ endpoints: [twice, twice] })).toThrow(/unique/);
  });
});
