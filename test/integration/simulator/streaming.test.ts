import { describe, expect, it } from 'vitest';
import { simulatedReply } from '../../../src/simulator/index.js';
import { dataPayloads, openaiClient, postCompletion, simulator, sseEvents, user } from './simulator-fixture.js';

describe('simulator streaming', () => {
  it('streams a reply that concatenates to simulatedReply, with usage on the last chunk', async () => {
    const sim = await simulator();
    const messages = user('Where is my order #1234?');
    const stream = await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(simulatedReply(messages));
    expect(text.split(' ')).toHaveLength(60);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks).toHaveLength(62);
    const last = chunks.at(-1)!;
    expect(last.choices[0]?.finish_reason).toBe('stop');
    expect(last.usage).toMatchObject({
      prompt_tokens: 8, // ceil(24 chars * 0.3)
      completion_tokens: 60,
      total_tokens: 68,
      prompt_cache_hit_tokens: 0,
      prompt_cache_miss_tokens: 8,
    });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === undefined)).toBe(true);
  });

  it('is deterministic per prompt and differs between questions', async () => {
    expect(simulatedReply(user('How do refunds work?'))).toBe(simulatedReply(user('How do refunds work?')));
    expect(simulatedReply(user('How do refunds work?'))).not.toBe(simulatedReply(user('Where is my parcel?')));
    expect(simulatedReply(user('How do refunds work?'), 7).split(' ')).toHaveLength(7);
    expect(simulatedReply(user('我的订单在哪里？'), 10)).toMatch(/^[\u4e00-\u9fff，。]{9}。$/);
  });

  it('sends one word token per chunk, then [DONE] last', async () => {
    const sim = await simulator({ replyTokens: 5 });
    const messages = user('hello');
    const res = await postCompletion(sim, { model: 'deepseek-chat', messages, stream: true });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const body = await res.text();
    const events = sseEvents(body);
    expect(events.at(-1)).toBe('data: [DONE]');
    const deltas = dataPayloads(body).map((chunk) => chunk.choices[0].delta.content);
    const words = simulatedReply(messages, 5).split(' ');
    expect(deltas).toEqual(['', words[0], ...words.slice(1).map((word) => ` ${word}`), '']);
    const first = dataPayloads(body)[0];
    expect(first).toMatchObject({
      object: 'chat.completion.chunk',
      model: 'deepseek-chat',
      system_fingerprint: expect.any(String),
    });
    expect(first.choices[0]).toMatchObject({ index: 0, logprobs: null, finish_reason: null });
  });

  it('paces tokens at tokensPerSecond after firstTokenDelayMs', async () => {
    const sim = await simulator({ firstTokenDelayMs: 150, tokensPerSecond: 100, replyTokens: 10 });
    const started = Date.now();
    const res = await postCompletion(sim, { model: 'deepseek-chat', messages: user('timing'), stream: true });
    await res.text();
    // 150 ms first token + 9 intervals of 10 ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(235);
  });

  it('answers non-streaming requests with a chat.completion', async () => {
    const sim = await simulator();
    const messages = user('Can I change my address?');
    const completion = await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: simulatedReply(messages) });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 8, completion_tokens: 60, total_tokens: 68 });
  });

  it('streams reasoning_content before content for deepseek-reasoner', async () => {
    const sim = await simulator();
    const messages = user('Why was I charged twice?');
    const stream = await openaiClient(sim).chat.completions.create({ model: 'deepseek-reasoner', messages, stream: true });
    let reasoning = '';
    let content = '';
    let contentStartedBeforeReasoningEnded = false;
    let usage;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string | null };
      if (delta.reasoning_content) {
        if (content) contentStartedBeforeReasoningEnded = true;
        reasoning += delta.reasoning_content;
      }
      content += delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(reasoning).toBe(
      'The customer asks: "Why was I charged twice?". I should answer politely and concisely, then offer further help.',
    );
    expect(content).toBe(simulatedReply(messages));
    expect(contentStartedBeforeReasoningEnded).toBe(false);
    expect(usage).toMatchObject({ completion_tokens: 60 + 18, completion_tokens_details: { reasoning_tokens: 18 } });

    const completion = await openaiClient(sim).chat.completions.create({ model: 'deepseek-reasoner', messages });
    expect((completion.choices[0]?.message as { reasoning_content?: string }).reasoning_content).toBe(reasoning);
  });

  it('omits usage only when stream_options.include_usage is false', async () => {
    const sim = await simulator({ replyTokens: 3 });
    const res = await postCompletion(sim, {
      model: 'deepseek-chat',
      messages: user('no usage'),
      stream: true,
      stream_options: { include_usage: false },
    });
    expect(dataPayloads(await res.text()).some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('records every request with its parsed body and outcome', async () => {
    const sim = await simulator({ replyTokens: 3 });
    await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages: user('secret-word here') });
    const [request] = await sim.waitForRequests(1);
    const closed = await sim.waitForClose(request!.id);
    expect(closed).toMatchObject({ id: 1, path: '/v1/chat/completions', outcome: 'completed', status: 200 });
    expect(closed.body.messages[0].content).toBe('secret-word here');
    expect(closed.headers.authorization).toBe('Bearer sk-simulator');
    expect(closed.closedAt).toBeGreaterThanOrEqual(closed.receivedAt);
    sim.reset();
    expect(sim.requests).toHaveLength(0);
  });
});
