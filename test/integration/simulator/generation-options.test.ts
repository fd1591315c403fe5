import { describe, expect, it } from 'vitest';
import { simulatedReply } from '../../../src/simulator/index.js';
import { dataPayloads, openaiClient, postCompletion, simulator, user } from './simulator-fixture.js';

async function streamText(sim: Awaited<ReturnType<typeof simulator>>, body: object, headers: Record<string, string> = {}) {
  const chunks = dataPayloads(
    await (await postCompletion(sim, { model: 'deepseek-chat', stream: true, ...body }, headers)).text(),
  );
  return {
    chunks,
    pieces: chunks.slice(1, -1).map((chunk) => chunk.choices[0].delta.content as string),
    finishReason: chunks.at(-1).choices[0].finish_reason as string,
    usage: chunks.at(-1).usage,
  };
}

describe('simulator generation options', () => {
  it('stop cuts the output before the first stop sequence, finish_reason stop', async () => {
    const sim = await simulator();
    const messages = user('stop test');
    const full = simulatedReply(messages);
    const stopWord = full.split(' ')[5]!;
    const { pieces, finishReason, usage } = await streamText(sim, { messages, stop: ['never-there', stopWord] });
    expect(pieces.join('')).toBe(full.slice(0, full.indexOf(stopWord)));
    expect(finishReason).toBe('stop');
    expect(usage.completion_tokens).toBe(pieces.length);
  });

  it('max_tokens cuts at that many tokens, finish_reason length', async () => {
    const sim = await simulator();
    const messages = user('max tokens test');
    const completion = await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages, max_tokens: 7 });
    expect(completion.choices[0]?.message.content).toBe(simulatedReply(messages).split(' ').slice(0, 7).join(' '));
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(7);
  });

  it('reply= answers with exactly that text; chunk=N splits it into N-character chunks', async () => {
    const sim = await simulator();
    const { pieces } = await streamText(sim, { messages: user('hi [[sim:reply=You%20can%20buy%20forbidden%20goods;chunk=4]]') });
    expect(pieces).toEqual(['You ', 'can ', 'buy ', 'forb', 'idde', 'n go', 'ods']);
    expect(simulatedReply(user('hi [[sim:reply=You%20can%20buy%20forbidden%20goods;chunk=4]]'))).toBe(
      'You can buy forbidden goods',
    );
    const byHeader = await streamText(sim, { messages: user('hi') }, { 'x-sim-fault': 'reply=%E4%BD%A0%E5%A5%BD%20world' });
    expect(byHeader.pieces).toEqual(['你', '好', ' world']);
  });

  it('response_format json_object returns valid JSON with the keys the prompt names', async () => {
    const sim = await simulator();
    const client = openaiClient(sim);
    const withKeys = await client.chat.completions.create({
      model: 'deepseek-chat',
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: 'Reply in json with "summary" and "category".' },
        { role: 'user', content: 'My parcel is late' },
      ],
    });
    const parsed = JSON.parse(withKeys.choices[0]!.message.content!);
    expect(Object.keys(parsed)).toEqual(['summary', 'category']);
    expect(parsed.summary).toEqual(expect.any(String));

    const plain = await client.chat.completions.create({
      model: 'deepseek-chat',
      response_format: { type: 'json_object' },
      messages: user('json please'),
    });
    expect(JSON.parse(plain.choices[0]!.message.content!)).toEqual({ answer: simulatedReply(user('json please')) });
  });

  it('invalid-json=<n> breaks the first n JSON answers for that id, then they parse', async () => {
    const sim = await simulator();
    const body = {
      model: 'deepseek-chat',
      response_format: { type: 'json_object' },
      messages: user('classify [[sim:invalid-json=1;id=j1]]'),
    };
    const contents: string[] = [];
    for (let i = 0; i < 2; i++)
      contents.push((await (await postCompletion(sim, body)).json()).choices[0].message.content as string);
    expect(() => JSON.parse(contents[0]!)).toThrow();
    expect(JSON.parse(contents[1]!)).toEqual({ answer: expect.any(String) });
  });

  it('logprobs with top_logprobs on every content chunk; confidence= sets the mean', async () => {
    const sim = await simulator({ replyTokens: 20 });
    const { chunks } = await streamText(sim, {
      messages: user('unsure [[sim:confidence=0.3]]'),
      logprobs: true,
      top_logprobs: 3,
    });
    const entries = chunks.slice(1, -1).map((chunk) => chunk.choices[0].logprobs.content[0]);
    expect(entries).toHaveLength(20);
    for (const [index, entry] of entries.entries()) {
      expect(entry.token).toBe(chunks[index + 1].choices[0].delta.content);
      expect(entry.bytes).toEqual([...Buffer.from(entry.token)]);
      expect(entry.logprob).toBeLessThanOrEqual(0);
      expect(entry.top_logprobs).toHaveLength(3);
      expect(entry.top_logprobs[0]).toMatchObject({ token: entry.token, logprob: entry.logprob });
      expect(entry.top_logprobs[1].logprob).toBeLessThan(entry.top_logprobs[0].logprob);
    }
    const mean = entries.reduce((sum, entry) => sum + entry.logprob, 0) / entries.length;
    expect(mean).toBeCloseTo(Math.log(0.3), 6);
    expect(chunks.at(-1).choices[0].logprobs).toBeNull();

    const completion = await openaiClient(sim).chat.completions.create({
      model: 'deepseek-chat',
      messages: user('sure'),
      logprobs: true,
    });
    const content = completion.choices[0]!.logprobs!.content!;
    expect(content.map((entry) => entry.token).join('')).toBe(completion.choices[0]!.message.content);
    expect(content.reduce((sum, entry) => sum + entry.logprob, 0) / content.length).toBeCloseTo(Math.log(0.9), 6);
  });

  it('tools: streams tool_calls fragments and finish_reason tool_calls', async () => {
    const sim = await simulator();
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'lookup_order',
          parameters: { type: 'object', properties: { order_id: { type: 'string' }, include_items: { type: 'boolean' } } },
        },
      },
    ];
    const messages = user('Where is order 42? [[sim:tool=lookup_order]]');
    const stream = await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages, tools, stream: true });
    const fragments: string[] = [];
    let name;
    let id;
    let finishReason;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.id) id = call.id;
      if (call?.function?.name) name = call.function.name;
      if (call?.function?.arguments) fragments.push(call.function.arguments);
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(id).toMatch(/^call_/);
    expect(name).toBe('lookup_order');
    expect(fragments.length).toBeGreaterThan(3);
    expect(JSON.parse(fragments.join(''))).toEqual({ order_id: 'Where is order 42?', include_items: true });
    expect(finishReason).toBe('tool_calls');

    const forced = await openaiClient(sim).chat.completions.create({
      model: 'deepseek-chat',
      messages: user('no marker'),
      tools,
      tool_choice: { type: 'function', function: { name: 'lookup_order' } },
    });
    expect(forced.choices[0]?.message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'lookup_order' } });
    expect(forced.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('prompt cache: a repeated prefix counts as hit tokens in multiples of 64', async () => {
    const sim = await simulator({ replyTokens: 2 });
    const system = { role: 'system' as const, content: 'You are a helpful support agent. '.repeat(20) }; // 660 chars -> 198 tokens
    const first = await openaiClient(sim).chat.completions.create({
      model: 'deepseek-chat',
      messages: [system, { role: 'user', content: 'one' }],
    });
    expect(first.usage).toMatchObject({ prompt_tokens: 199, prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: 199 });
    const second = await openaiClient(sim).chat.completions.create({
      model: 'deepseek-chat',
      messages: [system, { role: 'user', content: 'two' }],
    });
    expect(second.usage).toMatchObject({ prompt_tokens: 199, prompt_cache_hit_tokens: 192, prompt_cache_miss_tokens: 7 });
  });

  it('estimates prompt tokens at ~0.6 per CJK character and replies in Chinese to Chinese', async () => {
    const sim = await simulator({ replyTokens: 12 });
    const messages = user('我的订单什么时候发货');
    const completion = await openaiClient(sim).chat.completions.create({ model: 'deepseek-chat', messages });
    expect(completion.usage?.prompt_tokens).toBe(6); // ceil(10 * 0.6)
    expect(completion.choices[0]?.message.content).toBe(simulatedReply(messages, 12));
    expect(completion.choices[0]?.message.content).toMatch(/^[\u4e00-\u9fff，。]+。$/);
  });
});
