import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/errors/app-error.js';
import type { CompletionResult } from '../../../src/llm/deepseek-http-client.js';
import type { ChatCompletionRequest } from '../../../src/llm/llm-types.js';
import { completeJson } from '../../../src/llm/structured-output.js';

const request = { model: 'deepseek-chat', messages: [{ role: 'user' as const, content: 'answer in json' }] };
const schema = z.object({ intent: z.enum(['refund', 'other']) });

function completer(...contents: string[]) {
  const requests: ChatCompletionRequest[] = [];
  return {
    requests,
    complete: async (req: ChatCompletionRequest): Promise<CompletionResult> => {
      requests.push(req);
      const content = contents[requests.length - 1] ?? '';
      return { content, reasoning: '', finishReason: 'stop', usage: null, model: 'deepseek-chat', logprobs: [], endpoint: 'a' };
    },
  };
}

describe('completeJson', () => {
  it('asks for json_object and returns the validated value', async () => {
    const client = completer('{"intent":"refund"}');
    const result = await completeJson(client, request, schema);
    expect(result).toMatchObject({ value: { intent: 'refund' }, attempts: 1 });
    expect(client.requests[0]!.response_format).toEqual({ type: 'json_object' });
  });

  it.each([['{"intent":'], ['{"intent":"weather"}']])('asks once more after %s', async (bad) => {
    const client = completer(bad, '{"intent":"other"}');
    expect(await completeJson(client, request, schema)).toMatchObject({ value: { intent: 'other' }, attempts: 2 });
  });

  it('throws after two bad answers', async () => {
    const client = completer('nope', '{"intent":1}');
    const error = await completeJson(client, request, schema).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'invalid-structured-output' } });
    expect(client.requests).toHaveLength(2);
  });
});
