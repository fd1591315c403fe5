/** OpenAI/DeepSeek chat message, as sent on the wire. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Generation parameters a site (or a single request) may set. Wire names, as DeepSeek expects them. */
export interface GenerationSettings {
  model: string;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string | string[];
  presence_penalty?: number;
  frequency_penalty?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  response_format?: { type: 'text' | 'json_object' };
}

/** A function the model may call (OpenAI/DeepSeek function calling), parameters as JSON Schema. */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatCompletionRequest extends GenerationSettings {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  promptCacheHitTokens: number;
  promptCacheMissTokens: number;
}

/**
 * What a streamed completion yields, in order: any number of `reasoning` and `content` events, possibly a
 * `restart` (everything streamed so far must be discarded: the client restarts the answer after a broken
 * stream), the tool calls the model made, and exactly one `finish` at the end. Failures are thrown as `AppError` with an `UPSTREAM_*` code.
 */
export type LlmStreamEvent =
  | { type: 'content'; text: string; logprobs?: number[] }
  | { type: 'reasoning'; text: string }
  | { type: 'restart'; reason: string }
  /** A whole tool call (its streamed fragments joined), yielded just before `finish`. */
  | { type: 'tool-call'; name: string; arguments: string }
  | {
      type: 'finish';
      finishReason: string;
      usage: TokenUsage | null;
      /** Name of the endpoint that produced the answer (after failover, not the first one). */
      endpoint: string;
      model: string;
    };

export interface StreamOptions {
  signal?: AbortSignal;
  /** Carried into logs: conversation id / message id. */
  correlationId?: string;
}

/** The one seam the reply worker depends on; the DeepSeek client implements it. */
export interface ChatStreamer {
  stream(request: ChatCompletionRequest, options?: StreamOptions): AsyncIterable<LlmStreamEvent>;
}
