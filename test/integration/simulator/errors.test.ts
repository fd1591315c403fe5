import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { simulatedReply } from '../../../src/simulator/index.js';
import { openaiClient, postCompletion, simulator, user } from './simulator-fixture.js';

const STATUS_FAULTS = [
  { status: 400, errorClass: OpenAI.BadRequestError, message: 'Invalid Request' },
  { status: 401, errorClass: OpenAI.AuthenticationError, message: 'Authentication Fails, Your api key: ****ator is invalid' },
  { status: 402, errorClass: OpenAI.APIError, message: 'Insufficient Balance' },
  { status: 422, errorClass: OpenAI.UnprocessableEntityError, message: 'Invalid Parameters' },
  { status: 429, errorClass: OpenAI.RateLimitError, message: 'Rate Limit Reached' },
  { status: 500, errorClass: OpenAI.InternalServerError, message: 'Internal Server Error' },
  { status: 503, errorClass: OpenAI.InternalServerError, message: 'Server overloaded, please try again later.' },
];

describe('simulator errors and status faults', () => {
  it('rejects a wrong key with 401 and DeepSeek envelope (AuthenticationError in openai)', async () => {
    const sim = await simulator();
    const error = await openaiClient(sim, { apiKey: 'sk-wrong-9876' })
      .chat.completions.create({ model: 'deepseek-chat', messages: user('hi') })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).error).toEqual({
      message: 'Authentication Fails, Your api key: ****9876 is invalid',
      type: 'authentication_error',
      param: null,
      code: 'invalid_request_error',
    });
    const missing = await fetch(`${sim.url}/chat/completions`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    expect(sim.requests.map((request) => request.outcome)).toEqual(['error', 'error']);
  });

  it.each(STATUS_FAULTS)(
    'status=$status answers with that status and its realistic message',
    async ({ status, errorClass, message }) => {
      const sim = await simulator();
      const error = await openaiClient(sim)
        .chat.completions.create(
          { model: 'deepseek-chat', messages: user('hi'), stream: true },
          { headers: { 'x-sim-fault': `status=${status}` } },
        )
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(errorClass);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
      expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
        message,
        param: null,
        code: 'invalid_request_error',
      });
    },
  );

  it('retry-after adds a Retry-After header; message= overrides the text', async () => {
    const sim = await simulator();
    const res = await postCompletion(
      sim,
      { model: 'deepseek-chat', messages: user('hi') },
      { 'x-sim-fault': 'status=429;retry-after=7;message=Slow%20down' },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({
      error: { message: 'Slow down', type: 'rate_limit_error', param: null, code: 'invalid_request_error' },
    });
  });

  it('a [[sim:...]] marker in the last user message injects the fault; times=1 fails once, then streams', async () => {
    const sim = await simulator();
    const messages = user('Where is my order? [[sim:status=429;times=1;retry-after=0]]');
    // The openai client's own retry (honouring Retry-After: 0) carries the same marker.
    const stream = await openaiClient(sim, { maxRetries: 1 }).chat.completions.create({
      model: 'deepseek-chat',
      messages,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(simulatedReply(messages));
    expect(text).toBe(simulatedReply(user('Where is my order?')));
    expect(sim.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it('times counts per id, across different messages; reset() clears the counters', async () => {
    const sim = await simulator();
    const send = (content: string) =>
      postCompletion(sim, { model: 'deepseek-chat', messages: user(content) }, { 'x-sim-fault': 'status=503;times=2;id=conv-1' });
    expect((await Promise.all([send('a'), send('b'), send('c')].map(async (res) => (await res).status))).sort()).toEqual([
      200, 503, 503,
    ]);
    expect((await send('d')).status).toBe(200);
    sim.reset();
    expect((await send('e')).status).toBe(503);
  });

  it('a whole-run fault option applies to every request; markers override it key by key', async () => {
    const sim = await simulator({ fault: 'status=500' });
    expect((await postCompletion(sim, { model: 'deepseek-chat', messages: user('x') })).status).toBe(500);
    expect((await postCompletion(sim, { model: 'deepseek-chat', messages: user('x') })).status).toBe(500);
    expect((await postCompletion(sim, { model: 'deepseek-chat', messages: user('x [[sim:status=402]]') })).status).toBe(402);
  });

  it('rejects an unknown fault key with 400, and a bad whole-run fault at start', async () => {
    const sim = await simulator();
    const res = await postCompletion(sim, { model: 'deepseek-chat', messages: user('x') }, { 'x-sim-fault': 'stauts=429' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/stauts/);
    await expect(simulator({ fault: 'status=418' })).rejects.toThrow(/status/);
  });

  it('validates the body: malformed JSON 400, wrong shape 422, unknown model 400, too many stops 400, >1 MB 413', async () => {
    const sim = await simulator();
    const malformed = await postCompletion(sim, '{"model":');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({ type: 'invalid_request_error', param: null });

    const shape = await postCompletion(sim, { model: 'deepseek-chat', messages: [{ role: 'robot', content: 'x' }] });
    expect(shape.status).toBe(422);
    expect((await shape.json()).error.message).toMatch(
      /^Failed to deserialize the JSON body into the target type: messages\.0\.role/,
    );

    const model = await postCompletion(sim, { model: 'gpt-4o', messages: user('x') });
    expect(model.status).toBe(400);
    expect((await model.json()).error.message).toBe('Model Not Exist');

    const stops = await postCompletion(sim, {
      model: 'deepseek-chat',
      messages: user('x'),
      stop: Array.from({ length: 17 }, (_, i) => `s${i}`),
    });
    expect(stops.status).toBe(400);

    const huge = await postCompletion(sim, { model: 'deepseek-chat', messages: user('x'.repeat(1_100_000)) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.message).toMatch(/1mb/);
  });

  it('lists the models on /models and /v1/models', async () => {
    const sim = await simulator();
    const models = await openaiClient(sim).models.list();
    expect(models.data.map((model) => model.id)).toEqual(['deepseek-chat', 'deepseek-reasoner']);
    expect((await fetch(`${sim.url}/models`)).status).toBe(401);
    const headers = { authorization: 'Bearer sk-simulator' };
    expect(await (await fetch(`${sim.url}/models`, { headers })).json()).toEqual({
      object: 'list',
      data: [
        { id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' },
        { id: 'deepseek-reasoner', object: 'model', owned_by: 'deepseek' },
      ],
    });
  });
});
