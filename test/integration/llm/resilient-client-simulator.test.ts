import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/errors/app-error.js';
import { confidenceFromLogprobs } from '../../../src/llm/confidence.js';
import type { LlmLogger } from '../../../src/llm/llm-observability.js';
import type { ChatCompletionRequest, LlmStreamEvent } from '../../../src/llm/llm-types.js';
import { ResilientChatClient } from '../../../src/llm/resilient-chat-client.js';
import type { ResilientChatClientOptions } from '../../../src/llm/resilient-client-options.js';
import { simulatedReply, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { completeJson } from '../../../src/llm/structured-output.js';

const KEY = 'sk-simulator';
const REPLY_TOKENS = 20;
const silent: LlmLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ firstTokenDelayMs: 20, tokensPerSecond: 400, replyTokens: REPLY_TOKENS });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

function ask(content: string, extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return { model: 'deepseek-chat', messages: [{ role: 'user', content }], ...extra };
}

function client(overrides: Partial<ResilientChatClientOptions> = {}): ResilientChatClient {
  return new ResilientChatClient({
    endpoints: [{ name: 'sim', baseUrl: sim.url, apiKey: KEY }],
    timeouts: { firstTokenMs: 3000, idleMs: 1000 },
    retry: { baseDelayMs: 50, maxDelayMs: 400, budgetMs: 5000, jitter: 'none' },
    logger: silent,
    ...overrides,
  });
}

async function collect(iterable: AsyncIterable<LlmStreamEvent>): Promise<LlmStreamEvent[]> {
  const events: LlmStreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

/** The text a widget would show: content since the last restart. */
function shownText(events: LlmStreamEvent[]): string {
  let text = '';
  for (const event of events) {
    if (event.type === 'restart') text = '';
    if (event.type === 'content') text += event.text;
  }
  return text;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ResilientChatClient against the simulator', () => {
  it('retries a 429 and then streams the whole reply', async () => {
    const request = ask('Where is my order? [[sim:status=429;retry-after=0;times=1;id=r429]]');
    const events = await collect(client().stream(request));
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(shownText(events)).toBe(simulatedReply(request.messages, REPLY_TOKENS));
    expect(events.filter((e) => e.type === 'finish')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      endpoint: 'sim',
      usage: { completionTokens: REPLY_TOKENS },
    });
  });

  it('fails over from an endpoint answering 503 to the next one', async () => {
    const down = await startSimulator({ fault: 'status=503' });
    try {
      const subject = client({
        endpoints: [
          { name: 'primary', baseUrl: down.url, apiKey: KEY },
          { name: 'backup', baseUrl: sim.url, apiKey: KEY },
        ],
      });
      const request = ask('Hello there');
      const events = await collect(subject.stream(request));
      expect(down.requests).toHaveLength(1);
      expect(shownText(events)).toBe(simulatedReply(request.messages, REPLY_TOKENS));
      expect(events.at(-1)).toMatchObject({ type: 'finish', endpoint: 'backup' });
    } finally {
      await down.close();
    }
  });

  it('does not retry a rejected key: the simulator sees exactly one request', async () => {
    const errors: string[] = [];
    const subject = client({
      endpoints: [{ name: 'sim', baseUrl: sim.url, apiKey: 'sk-wrong' }],
      logger: { ...silent, error: (_o, message) => errors.push(message ?? '') },
    });
    const error = await failure(collect(subject.stream(ask('hi'))));
    expect(error).toMatchObject({ code: 'UPSTREAM_AUTH', details: { status: 401 } });
    expect(sim.requests).toHaveLength(1);
    expect(errors).toEqual(['DeepSeek rejected the API key — set DEEPSEEK_API_KEY']);
  });

  it.each([
    ['cut-after=5', 'stream ends without [DONE]'],
    ['reset-after=5', 'socket destroyed'],
  ])('restarts cleanly after %s (%s), with exactly one finish', async (fault) => {
    const request = ask(`Tell me about returns [[sim:${fault};times=1;id=${fault}]]`);
    const events = await collect(client().stream(request));
    const restartAt = events.findIndex((e) => e.type === 'restart');
    // A destroyed socket may drop the last bytes it had buffered, so up to 5 tokens arrive before it.
    expect(restartAt).toBeGreaterThan(0);
    expect(restartAt).toBeLessThanOrEqual(5);
    expect(events.slice(0, restartAt).every((e) => e.type === 'content')).toBe(true);
    expect(shownText(events)).toBe(simulatedReply(request.messages, REPLY_TOKENS));
    expect(events.filter((e) => e.type === 'finish')).toHaveLength(1);
    expect(sim.requests).toHaveLength(2);
  });

  it('times out a stalled stream on the idle timer and closes the connection', async () => {
    const subject = client({ timeouts: { firstTokenMs: 3000, idleMs: 300 }, retry: { maxAttempts: 1 } });
    const started = Date.now();
    const error = await failure(collect(subject.stream(ask('slow [[sim:stall-after=3;stall-ms=5000]]'))));
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', details: { reason: 'idle-timeout' } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await sim.waitForClose(1)).outcome).toBe('aborted');
  });

  it('restarts after a stall once the retry streams normally', async () => {
    const subject = client({ timeouts: { firstTokenMs: 3000, idleMs: 300 } });
    const request = ask('slow [[sim:stall-after=3;stall-ms=5000;times=1;id=stall]]');
    const events = await collect(subject.stream(request));
    expect(events.filter((e) => e.type === 'restart')).toEqual([{ type: 'restart', reason: 'idle-timeout' }]);
    expect(shownText(events)).toBe(simulatedReply(request.messages, REPLY_TOKENS));
  });

  it('keep-alive comments reset the idle timer but not the first-token budget', async () => {
    const marker = '[[sim:keepalive=1500;keepalive-every=200]]';
    const patient = client({ timeouts: { firstTokenMs: 3000, idleMs: 600 }, retry: { maxAttempts: 1 } });
    const request = ask(`queue ${marker}`);
    expect(shownText(await collect(patient.stream(request)))).toBe(simulatedReply(request.messages, REPLY_TOKENS));

    const hasty = client({ timeouts: { firstTokenMs: 800, idleMs: 600 }, retry: { maxAttempts: 1 } });
    const error = await failure(collect(hasty.stream(ask(`queue ${marker}`))));
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', details: { reason: 'first-token-timeout' } });
  });

  it('aborting closes the upstream connection at once', async () => {
    const controller = new AbortController();
    const subject = client();
    const run = (async () => {
      // The stall keeps the response open however slowly this machine reads the first token.
      for await (const event of subject.stream(ask('long answer [[sim:stall-after=2;stall-ms=3000]]'), {
        signal: controller.signal,
      })) {
        if (event.type === 'content') controller.abort(new Error('agent took over'));
      }
    })();
    await expect(run).rejects.toThrow('agent took over');
    const closed = await sim.waitForClose(1, 2000);
    expect(closed.outcome).toBe('aborted');
    expect(sim.requests).toHaveLength(1);
  });

  it('complete() retries a body of blank lines', async () => {
    const request = ask('hi [[sim:blank-body=200;keepalive-every=50;times=1;id=blank]]');
    const result = await client().complete(request);
    expect(result.content).toBe(simulatedReply(request.messages, REPLY_TOKENS));
    expect(sim.requests).toHaveLength(2);
  });

  it('reports logprobs that confidence turns back into the simulated confidence', async () => {
    const events = await collect(client().stream(ask('hi [[sim:confidence=0.3]]', { logprobs: true })));
    const logprobs = events.flatMap((e) => (e.type === 'content' ? (e.logprobs ?? []) : []));
    expect(logprobs.length).toBeGreaterThan(0);
    expect(confidenceFromLogprobs(logprobs)).toBeCloseTo(0.3, 1);
  });

  it('completeJson asks once more after invalid JSON', async () => {
    const schema = z.object({ summary: z.string(), category: z.string() });
    const request = ask('Reply in json with "summary" and "category". [[sim:invalid-json=1]]');
    const result = await completeJson(client(), request, schema);
    expect(result.attempts).toBe(2);
    expect(Object.keys(result.value)).toEqual(['summary', 'category']);
    expect(sim.requests.map((r) => r.body.response_format)).toEqual([{ type: 'json_object' }, { type: 'json_object' }]);
  });
});
