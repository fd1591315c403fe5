import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { CompletionResult } from './deepseek-http-client.js';
import type { ChatCompletionRequest, StreamOptions } from './llm-types.js';
import type { ChatCompleter } from './resilient-chat-client.js';

export interface StructuredResult<T> {
  value: T;
  completion: CompletionResult;
  /** 1, or 2 when the first answer was not valid. */
  attempts: number;
}

/**
 * Asks for a JSON object (`response_format: json_object`), parses it and validates it with `schema`. An
 * answer that is not JSON or does not match is asked for once more; a second bad answer throws
 * UPSTREAM_UNAVAILABLE with `details.reason = 'invalid-structured-output'` and the validation problem.
 * DeepSeek requires the word "json" in the prompt for json_object mode; the caller's messages must say it.
 */
export async function completeJson<Schema extends z.ZodType>(
  client: ChatCompleter,
  request: ChatCompletionRequest,
  schema: Schema,
  options: StreamOptions = {},
): Promise<StructuredResult<z.output<Schema>>> {
  const jsonRequest: ChatCompletionRequest = { ...request, response_format: { type: 'json_object' } };
  let problem = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const completion = await client.complete(jsonRequest, options);
    const outcome = parseAndValidate(completion.content, schema);
    if (outcome.ok) return { value: outcome.value, completion, attempts: attempt };
    problem = outcome.problem;
  }
  throw new AppError('UPSTREAM_UNAVAILABLE', `model returned invalid structured output twice: ${problem}`, {
    reason: 'invalid-structured-output',
    problem,
  });
}

function parseAndValidate<Schema extends z.ZodType>(
  content: string,
  schema: Schema,
): { ok: true; value: z.output<Schema> } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problem: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
  };
}
