import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/app-error.js';
import { DeepSeekHttpClient, type UpstreamEvent } from '../../../src/llm/deepseek-http-client.js';
import type { ChatCompletionRequest, TokenUsage } from '../../../src/llm/llm-types.js';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';

// The official client and ours read the same simulator the same way: a check of both.
const KEY = 'sk-simulator';
const timeouts = { firstTokenMs: 5000, idleMs: 2000 };
let sim: RunningSimulator;
let openai: OpenAI;
const ours = new DeepSeekHttpClient();

beforeAll(async () => {
  sim = await startSimulator({ firstTokenDelayMs: 10, tokensPerSecond: 1000, replyTokens: 25 });
  openai = new OpenAI({ baseURL: sim.url, apiKey: KEY, maxRetries: 0 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.reset());

const endpoint = () => ({ name: 'sim', baseUrl: sim.url, apiKey: KEY });
const ask = (content: string, model = 'deepseek-chat'): ChatCompletionRequest => ({
  model,
  messages: [{ role: 'user', content }],
});

function usageFromOpenAi(usage: OpenAI.CompletionUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  const extra = usage as unknown as { prompt_cache_hit_tokens?: number; prompt_cache_miss_tokens?: number };
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    promptCacheHitTokens: extra.prompt_cache_hit_tokens ?? 0,
    promptCacheMissTokens: extra.prompt_cache_miss_tokens ?? usage.prompt_tokens,
  };
}

async function openAiStream(request: ChatCompletionRequest) {
  const stream = await openai.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let reasoning = '';
  let finishReason: string | null = null;
  let usage: TokenUsage | null = null;
  let lastChunkHadUsage = false;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    text += choice?.delta.content ?? '';
    reasoning += (choice?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
    finishReason = choice?.finish_reason ?? finishReason;
    lastChunkHadUsage = Boolean(chunk.usage);
    if (chunk.usage) usage = usageFromOpenAi(chunk.usage);
  }
  return { text, reasoning, finishReason, usage, lastChunkHadUsage };
}

async function ourStream(request: ChatCompletionRequest) {
  const events: UpstreamEvent[] = [];
  for await (const event of ours.stream(endpoint(), request, { timeouts })) events.push(event);
  const finish = events.filter((e) => e.type === 'finish');
  expect(finish).toHaveLength(1);
  expect(events.at(-1)).toBe(finish[0]);
  return {
    text: events.map((e) => (e.type === 'content' ? e.text : '')).join(''),
    reasoning: events.map((e) => (e.type === 'reasoning' ? e.text : '')).join(''),
    finishReason: finish[0]!.type === 'finish' ? finish[0]!.finishReason : null,
    usage: finish[0]!.type === 'finish' ? finish[0]!.usage : null,
    keepAlives: events.filter((e) => e.type === 'keep-alive').length,
  };
}

describe('conformance with the official openai client', () => {
  it.each([['deepseek-chat'], ['deepseek-reasoner']])('streams the same text, reasoning and usage (%s)', async (model) => {
    const request = ask('How do I reset my password?', model);
    const theirs = await openAiStream(request);
    const mine = await ourStream(request);
    expect(theirs.lastChunkHadUsage).toBe(true);
    expect(theirs.text.length).toBeGreaterThan(0);
    expect({ ...mine, keepAlives: undefined }).toEqual({ ...theirs, lastChunkHadUsage: undefined, keepAlives: undefined });
  });

  it('answers non-streamed requests the same way', async () => {
    const request = ask('What are your opening hours?');
    const theirs = await openai.chat.completions.create({ ...request, stream: false });
    const mine = await ours.complete(endpoint(), request, { timeouts });
    expect(mine.content).toBe(theirs.choices[0]!.message.content);
    expect(mine.finishReason).toBe(theirs.choices[0]!.finish_reason);
    expect(mine.usage).toEqual(usageFromOpenAi(theirs.usage));
  });

  it('sees keep-alive comments that the official client silently skips, with the same text', async () => {
    const request = ask('busy [[sim:keepalive=300;keepalive-every=50]]');
    const theirs = await openAiStream(request);
    const mine = await ourStream(request);
    expect(mine.keepAlives).toBeGreaterThan(0);
    expect(mine.text).toBe(theirs.text);
  });

  it.each([
    ['status=429;retry-after=2', 429, 'UPSTREAM_UNAVAILABLE'],
    ['status=500', 500, 'UPSTREAM_UNAVAILABLE'],
    ['status=402', 402, 'UPSTREAM_BALANCE'],
    ['status=422', 422, 'UPSTREAM_REJECTED'],
  ])('reports %s with the same status and message', async (fault, status, code) => {
    const request = ask(`hi [[sim:${fault}]]`);
    const theirs = await openai.chat.completions.create({ ...request, stream: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(theirs).toBeInstanceOf(OpenAI.APIError);
    const apiError = theirs as InstanceType<typeof OpenAI.APIError>;
    const mine = await (async () => {
      for await (const _ of ours.stream(endpoint(), request, { timeouts })) void _;
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(mine).toBeInstanceOf(AppError);
    expect(apiError.status).toBe(status);
    expect(mine).toMatchObject({ code, details: { status } });
    expect((mine as AppError).message).toContain((apiError.error as { message: string }).message);
    if (status === 429) expect((mine as AppError).details.retryAfterMs).toBe(Number(apiError.headers?.get('retry-after')) * 1000);
  });

  it('reports a wrong key as 401 in both', async () => {
    const wrong = new OpenAI({ baseURL: sim.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const theirs = await wrong.chat.completions.create(ask('hi')).catch((error: unknown) => error);
    const mine = await ours
      .complete({ ...endpoint(), apiKey: 'sk-wrong' }, ask('hi'), { timeouts })
      .catch((error: unknown) => error);
    expect(theirs).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(mine).toMatchObject({ code: 'UPSTREAM_AUTH', details: { status: 401 } });
  });
});
