import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { simulatedReply } from '../../../src/simulator/index.js';
import { dataPayloads, openaiClient, postCompletion, simulator, sseEvents, user } from './simulator-fixture.js';

const streamBody = (content: string) => ({ model: 'deepseek-chat', messages: user(content), stream: true });

describe('simulator stream faults', () => {
  it('keepalive=<ms> sends ": keep-alive" comments before the first token', async () => {
    const sim = await simulator({ replyTokens: 3 });
    const started = Date.now();
    const res = await postCompletion(sim, streamBody('hi'), { 'x-sim-fault': 'keepalive=300;keepalive-every=50' });
    const events = sseEvents(await res.text());
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const firstData = events.findIndex((event) => event.startsWith('data: '));
    expect(firstData).toBeGreaterThanOrEqual(3); // ~6 on an idle machine; timers drift under load
    expect(events.slice(0, firstData).every((event) => event === ': keep-alive')).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
  });

  it('sends keep-alives on its own while a long first-token delay passes', async () => {
    // Beats at 0 and 1000 ms: the first token at 1600 ms leaves a loaded machine's timers 600 ms of slack.
    const sim = await simulator({ firstTokenDelayMs: 1600, replyTokens: 2 });
    const body = await (await postCompletion(sim, streamBody('slow'))).text();
    expect(sseEvents(body).filter((event) => event === ': keep-alive').length).toBeGreaterThanOrEqual(2);
  });

  it('the openai client ignores keep-alive comments', async () => {
    const sim = await simulator();
    const messages = user('keep alive please [[sim:keepalive=60;keepalive-every=20]]');
    const stream = await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(simulatedReply(messages));
  });

  it('cut-after=<k> ends the response after k tokens without a finish chunk or [DONE]', async () => {
    const sim = await simulator();
    const res = await postCompletion(sim, streamBody('cut me [[sim:cut-after=4]]'));
    const body = await res.text();
    const chunks = dataPayloads(body);
    expect(body).not.toContain('[DONE]');
    expect(chunks).toHaveLength(5); // role chunk + 4 tokens
    expect(chunks.every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0].delta.content).join('')).toBe(
      simulatedReply(user('cut me')).split(' ').slice(0, 4).join(' '),
    );
    const closed = await sim.waitForClose(1);
    expect(closed.outcome).toBe('error');
  });

  it('reset-after=<k> destroys the socket mid-stream; reset-after=0 before any byte', async () => {
    const sim = await simulator();
    const res = await postCompletion(sim, streamBody('reset'), { 'x-sim-fault': 'reset-after=3' });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow(/terminated/);

    await expect(postCompletion(sim, streamBody('reset'), { 'x-sim-fault': 'reset-after=0' })).rejects.toThrow(/fetch failed/);
    expect((await sim.waitForClose(2)).outcome).toBe('error');
  });

  it('stall-after=<k>;stall-ms=<n> pauses after k tokens, then finishes normally', async () => {
    const sim = await simulator({ replyTokens: 6 });
    const res = await postCompletion(sim, streamBody('stall'), { 'x-sim-fault': 'stall-after=2;stall-ms=250' });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let body = '';
    const tokenCountReachedAt: number[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      body += decoder.decode(read.value);
      const count = contentTokens(body);
      while (tokenCountReachedAt.length < count) tokenCountReachedAt.push(Date.now());
    }
    expect(
      dataPayloads(body)
        .map((chunk) => chunk.choices[0].delta.content)
        .join(''),
    ).toBe(simulatedReply(user('stall'), 6));
    expect(sseEvents(body).at(-1)).toBe('data: [DONE]');
    expect(tokenCountReachedAt[2]! - tokenCountReachedAt[1]!).toBeGreaterThanOrEqual(240);
  });

  it('blank-body=<ms>: non-streaming 200 with only blank lines, then the end (the openai client fails)', async () => {
    const sim = await simulator();
    const res = await postCompletion(
      sim,
      { model: 'deepseek-chat', messages: user('blank') },
      { 'x-sim-fault': 'blank-body=120;keepalive-every=30' },
    );
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(/^\n{2,}$/);
    await expect(
      openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages: user('blank [[sim:blank-body=50]]') }),
    ).rejects.toThrow();
  });

  it('reset-after=0;times=1 fails with a connection error once; the openai retry then succeeds', async () => {
    const sim = await simulator();
    const messages = user('flaky network [[sim:reset-after=0;times=1]]');
    await expect(openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages })).rejects.toBeInstanceOf(
      OpenAI.APIConnectionError,
    );
    sim.reset();
    const completion = await openaiClient(sim, { maxRetries: 1 }).chat.completions.create({ model: 'deepseek-chat', messages });
    expect(completion.choices[0]?.message.content).toBe(simulatedReply(messages));
    await sim.waitForClose(2);
    expect(sim.requests.map((request) => request.outcome)).toEqual(['error', 'completed']);
  });

  it('a long non-streaming wait sends 200 and blank lines first; the openai client still parses the JSON', async () => {
    const sim = await simulator({ firstTokenDelayMs: 1100, replyTokens: 4 });
    const messages = user('slow answer');
    const raw = await (await postCompletion(sim, { model: 'deepseek-chat', messages })).text();
    expect(raw).toMatch(/^\n+\{"id"/);
    const completion = await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages });
    expect(completion.choices[0]?.message.content).toBe(simulatedReply(messages, 4));
  });

  it('records a client abort as aborted, seen by waitForClose', async () => {
    const sim = await simulator({ tokensPerSecond: 20 });
    const res = await postCompletion(sim, streamBody('cancel me'));
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const closed = await sim.waitForClose(1);
    expect(closed.outcome).toBe('aborted');
    expect(closed.closedAt).toBeDefined();
  });

  it('the openai client aborting via AbortSignal is recorded as aborted', async () => {
    const sim = await simulator({ tokensPerSecond: 20 });
    const controller = new AbortController();
    const stream = await openaiClient(sim).chat.completions.create(
      { model: 'deepseek-chat', messages: user('stop soon'), stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    // The openai Stream ends quietly when its own signal aborts.
    for await (const _chunk of stream) if (++chunks === 3) controller.abort();
    expect(chunks).toBe(3);
    expect((await sim.waitForClose(1)).outcome).toBe('aborted');
  });

  it('close() ends streams in flight', async () => {
    const sim = await simulator({ tokensPerSecond: 5 });
    const res = await postCompletion(sim, streamBody('long'));
    const reading = res.text();
    await sim.close();
    await expect(reading).rejects.toThrow();
  });
});

function contentTokens(body: string): number {
  const complete = body.slice(0, body.lastIndexOf('\n\n') + 2);
  return dataPayloads(complete).filter((chunk) => chunk.choices[0].delta.content).length;
}
