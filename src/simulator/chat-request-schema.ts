import { z } from 'zod';
import { SimulatorApiError } from './api-error.js';

export const SIMULATED_MODELS = ['deepseek-chat', 'deepseek-reasoner'] as const;

const textPart = z.object({ type: z.string(), text: z.string().optional() }).loose();

const messageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.union([z.string(), z.null(), z.array(textPart)]).optional(),
    name: z.string().optional(),
    tool_call_id: z.string().optional(),
    tool_calls: z.array(z.unknown()).optional(),
    reasoning_content: z.string().nullable().optional(),
  })
  .loose();

const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().optional(),
  }),
});

const chatRequestSchema = z
  .object({
    model: z.string(),
    messages: z.array(messageSchema),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    max_tokens: z.number().int().nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string())])
      .nullable()
      .optional(),
    temperature: z.number().nullable().optional(),
    top_p: z.number().nullable().optional(),
    presence_penalty: z.number().nullable().optional(),
    frequency_penalty: z.number().nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.number().int().nullable().optional(),
    response_format: z
      .object({ type: z.enum(['text', 'json_object']) })
      .nullable()
      .optional(),
    tools: z.array(toolSchema).nullable().optional(),
    tool_choice: z
      .union([
        z.enum(['none', 'auto', 'required']),
        z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
      ])
      .nullable()
      .optional(),
    user: z.string().optional(),
  })
  .loose();

/** A validated `/chat/completions` body. */
export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ToolDefinition = z.infer<typeof toolSchema>;

/**
 * Validates a parsed body the way DeepSeek does: a shape error is a 422 ("Failed to deserialize..."),
 * a value out of range is a 400.
 */
export function validateChatRequest(body: unknown): ChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || 'body';
    throw new SimulatorApiError(
      422,
      `Failed to deserialize the JSON body into the target type: ${path}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const request = parsed.data;
  const invalid = (message: string): never => {
    throw new SimulatorApiError(400, message);
  };
  if (!(SIMULATED_MODELS as readonly string[]).includes(request.model)) invalid('Model Not Exist');
  if (request.messages.length === 0) invalid('Empty input messages');
  if (request.max_tokens != null && (request.max_tokens < 1 || request.max_tokens > 8192)) {
    invalid('Invalid max_tokens value, the valid range of max_tokens is [1, 8192]');
  }
  if (Array.isArray(request.stop) && request.stop.length > 16) invalid('Invalid stop value, at most 16 stop sequences');
  if (request.temperature != null && (request.temperature < 0 || request.temperature > 2)) {
    invalid('Invalid temperature value, the valid range of temperature is [0, 2]');
  }
  if (request.top_logprobs != null) {
    if (request.top_logprobs < 0 || request.top_logprobs > 20) {
      invalid('Invalid top_logprobs value, the valid range is [0, 20]');
    }
    if (!request.logprobs) invalid('top_logprobs requires logprobs to be true');
  }
  return request;
}
